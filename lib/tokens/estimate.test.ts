import { describe, expect, it } from 'vitest';
import { createTokenRatio, estimateTokensPrior, estimateTokensUpperBound, messagesTokensUpperBound } from './estimate';

describe('estimateTokensUpperBound', () => {
  it('counts UTF-8 bytes', () => {
    expect(estimateTokensUpperBound('abc')).toBe(3);
    expect(estimateTokensUpperBound('é')).toBe(2);
    expect(estimateTokensUpperBound('日本')).toBe(6);
    expect(estimateTokensUpperBound('😀')).toBe(4);
    expect(estimateTokensUpperBound('😀')).toBe(new TextEncoder().encode('😀').length);
  });
});

describe('estimateTokensPrior', () => {
  it('counts ASCII letters and spaces at 3 a token, everything else at one token per byte', () => {
    expect(estimateTokensPrior('abc def gh')).toBe(4); // 10 letters and spaces
    expect(estimateTokensPrior('2026-11-30')).toBe(10); // digits and punctuation: one each
    expect(estimateTokensPrior('日本語')).toBe(9);
    expect(estimateTokensPrior('😀')).toBe(4);
    expect(estimateTokensPrior('Café')).toBe(3); // 'Caf' is one token, é two bytes
  });
});

describe('createTokenRatio', () => {
  it('starts at the prior, then uses the least favourable ratio measured, with a margin', () => {
    const r = createTokenRatio(0.5);
    expect(r.charsFor(100, 'ascii wordsx')).toBe(300);
    expect(r.charsFor(99, '日本語')).toBe(33);
    expect(r.tokensFor(300, 'ascii wordsx')).toBe(100);
    r.learn(400, 100);
    expect(r.charsFor(100, 'x')).toBe(200);
    expect(r.tokensFor(400, 'x')).toBe(100);
    r.learn(300, 100); // a denser text lowers the ratio
    r.learn(1000, 100); // a sparser one does not raise it again
    expect(r.measured).toBe(3);
    r.learn(100, 0); // a step that reported no count teaches nothing
    expect(r.measured).toBe(3);
    const fresh = createTokenRatio();
    fresh.learn(5000, 1); // implausible (a cached prompt counted as one token): capped
    expect(fresh.measured).toBe(6);
  });

  it('shrinks after a refused prompt, down to one token per byte and no further', () => {
    const r = createTokenRatio();
    const sample = 'plain english word';
    expect(r.charsFor(1000, sample)).toBe(3000);
    expect(r.shrink(sample)).toBe(true);
    expect(r.charsFor(1000, sample)).toBe(1500);
    expect(r.shrink(sample)).toBe(true);
    expect(r.charsFor(1000, sample)).toBe(1000);
    expect(r.shrink(sample)).toBe(false);
    expect(r.charsFor(1000, sample)).toBe(1000);
    // Never below one token per UTF-8 byte, whatever was learned.
    r.learn(100, 1000);
    expect(r.charsFor(999, '日本語')).toBe(333);
  });
});

describe('messagesTokensUpperBound', () => {
  it('sums each message bound and the markup allowance per message', () => {
    const msgs = [{ content: 'héllo' }, { content: '' }, { content: '日本' }];
    expect(messagesTokensUpperBound(msgs)).toBe(6 + 0 + 6);
    expect(messagesTokensUpperBound(msgs, 8)).toBe(12 + 24);
    expect(messagesTokensUpperBound([])).toBe(0);
  });
});
