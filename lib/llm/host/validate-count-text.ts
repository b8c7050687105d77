import { BadRequestError } from '../../messaging/errors';
import { LIMITS } from '../../messaging/protocol-values';

const MAX_INPUT_CHARS = LIMITS.inputChars;

/** The text of an `llm.countTokens` request: a string no longer than a generation's input may be. */
export function validateCountText(value: unknown): string {
  if (typeof value !== 'string') throw new BadRequestError('Text to count must be a string.');
  if (value.length > MAX_INPUT_CHARS) throw new BadRequestError('This text is too long to count (over 2 MB).');
  return value;
}
