import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../messaging/errors';
import { validateCountText } from './validate-count-text';
import { LIMITS } from '../../messaging/protocol-values';

const MAX_INPUT_CHARS = LIMITS.inputChars;

describe('validateCountText', () => {
  it('passes a string through', () => {
    expect(validateCountText('Hello there')).toBe('Hello there');
  });
  it('refuses what is not a string, and text over the input limit', () => {
    expect(() => validateCountText(42)).toThrow(BadRequestError);
    expect(() => validateCountText({ text: 'x' })).toThrow(BadRequestError);
    expect(() => validateCountText('a'.repeat(MAX_INPUT_CHARS + 1))).toThrow(BadRequestError);
  });
});
