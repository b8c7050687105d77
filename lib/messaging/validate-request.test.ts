import { describe, expect, it } from 'vitest';
import { validateGenerateRequest } from './validate-request';
import { LIMITS } from './protocol-values';

const MAX_INPUT_CHARS = LIMITS.inputChars;
import { BadRequestError } from '../messaging/errors';

const chat = (content: string) => ({ input: { kind: 'chat', messages: [{ role: 'user', content }] } });

describe('validateGenerateRequest', () => {
  it('passes a good chat and completion through', () => {
    expect(validateGenerateRequest(chat('hi')).input).toEqual({ kind: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect(validateGenerateRequest({ input: { kind: 'completion', prompt: 'one' }, options: { maxTokens: 5, temperature: 0 } }).options).toEqual({ maxTokens: 5, temperature: 0 });
  });
  it.each([
    [null, /Unknown kind/],
    [{ input: { kind: 'eval' } }, /Unknown kind/],
    [chat('   \n '), /Type a message first/],
    [{ input: { kind: 'chat', messages: [] } }, /empty/],
    [{ input: { kind: 'chat', messages: [{ role: 'root', content: 'x' }] } }, /malformed/],
    [{ input: { kind: 'completion', prompt: '' } }, /empty/],
    [{ ...chat('x'), options: { maxTokens: -1 } }, /Max tokens/],
    [{ ...chat('x'), options: { temperature: 9 } }, /Temperature/],
    [chat('x'.repeat(MAX_INPUT_CHARS + 1)), /too long \(2\.0 MB\)/],
  ])('refuses %#', (req, message) => {
    expect(() => validateGenerateRequest(req)).toThrow(BadRequestError);
    expect(() => validateGenerateRequest(req)).toThrow(message);
  });
});
