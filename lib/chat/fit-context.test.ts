import { describe, expect, it } from 'vitest';
import { fitContext } from './fit-context';
import { estimateMessageTokens as estimateTokens } from '../tokens/estimate';
import { BadRequestError } from '../messaging/errors';
import type { ChatMessage } from '../messaging/protocol';

const turn = (i: number, chars: number): ChatMessage[] => [
  { role: 'user', content: `${i}`.padEnd(chars, 'u') },
  { role: 'assistant', content: `${i}`.padEnd(chars, 'a') },
];

describe('fitContext', () => {
  it('sends everything when it fits', () => {
    const history = [...turn(1, 30), { role: 'user' as const, content: 'now' }];
    expect(fitContext('sys', history, 1000, 100)).toEqual({ messages: [{ role: 'system', content: 'sys' }, ...history], dropped: 0 });
  });
  it('drops the oldest turns first, keeps the system prompt and the newest message, and never starts with an answer', () => {
    const history = [...turn(1, 300), ...turn(2, 300), { role: 'user' as const, content: 'now' }];
    // budget = 512 - 256 - est(sys) ≈ 250 tokens: one 300-char message costs 104.
    const fitted = fitContext('sys', history, 512, 400);
    expect(fitted.messages[0]).toEqual({ role: 'system', content: 'sys' });
    expect(fitted.messages.at(-1)).toEqual({ role: 'user', content: 'now' });
    expect(fitted.messages[1]!.role).toBe('user');
    expect(fitted.dropped).toBe(history.length - (fitted.messages.length - 1));
    expect(fitted.dropped).toBeGreaterThanOrEqual(2);
  });
  it('refuses one message larger than the whole context, with the sizes', () => {
    expect(() => fitContext('', [{ role: 'user', content: 'x'.repeat(10_000) }], 2048, 512)).toThrow(BadRequestError);
    expect(() => fitContext('', [{ role: 'user', content: 'x'.repeat(10_000) }], 2048, 512)).toThrow(/3338 tokens of 2048/);
  });
  it('estimates conservatively (3 characters a token)', () => {
    expect(estimateTokens('x'.repeat(300))).toBe(104);
  });
});
