import { describe, expect, it } from 'vitest';
import { validateGenerateRequest, validateModelSpec, validatePrimeRequest } from './validate-request';
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

describe('validateModelSpec', () => {
  const spec = (source: string) => ({ id: `url:${source}`, label: 'x', engine: 'cpu', source, contextTokens: 2048 });
  it('accepts https, and plain http only from this machine', () => {
    for (const url of ['https://example.com/x.gguf', 'http://127.0.0.1:8080/x.gguf', 'http://localhost/x.gguf']) {
      expect(validateModelSpec(spec(url)).source).toBe(url);
    }
  });
  it.each(['http://example.com/x.gguf', 'http://10.0.0.2/x.gguf', 'file:///etc/x.gguf', 'ftp://example.com/x.gguf'])(
    'refuses %s, whichever page sent it: the file could be swapped on the way',
    (url) => expect(() => validateModelSpec(spec(url))).toThrow(BadRequestError),
  );
});

describe('validatePrimeRequest', () => {
  it('passes a request and its key through, checked like a generate request', () => {
    expect(validatePrimeRequest({ request: chat('page text'), key: 'tab:3' })).toEqual({
      request: { input: { kind: 'chat', messages: [{ role: 'user', content: 'page text' }] }, options: { maxTokens: undefined, temperature: undefined } },
      key: 'tab:3',
    });
  });
  it.each([
    [{ request: chat('x') }, /key/],
    [{ request: chat('x'), key: '' }, /key/],
    [{ request: chat('x'), key: 'k'.repeat(201) }, /key/],
    [{ request: chat('x'), key: 7 }, /key/],
    [{ request: { input: { kind: 'eval' } }, key: 'tab:1' }, /Unknown kind/],
    [{ request: chat('x'.repeat(MAX_INPUT_CHARS + 1)), key: 'tab:1' }, /too long/],
  ])('refuses %#', (req, message) => {
    expect(() => validatePrimeRequest(req)).toThrow(BadRequestError);
    expect(() => validatePrimeRequest(req)).toThrow(message);
  });
});

describe('a summary hint on a generate request', () => {
  const chat = { input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'Summarize <text>x</text>' }] } };
  it('passes a well-formed one through, and refuses a malformed one', () => {
    const summary = { text: 'x', length: 'short', format: 'bullets', language: 'English' };
    expect(validateGenerateRequest({ ...chat, summary }).summary).toEqual(summary);
    expect(validateGenerateRequest(chat).summary).toBeUndefined();
    expect(() => validateGenerateRequest({ ...chat, summary: { ...summary, format: 'poem' } })).toThrow(/malformed/);
    expect(() => validateGenerateRequest({ ...chat, summary: { ...summary, text: 'x'.repeat(2 * 1024 * 1024) } })).toThrow(/too long/);
  });
});
