import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { GenerateRequest, GenerateStats } from '../messaging/protocol';
import type { GenerateHandlers } from '../messaging/stream-client';
import { ContextOverflowError } from '../messaging/errors';
import { estimateTokensUpperBound } from './estimate';
import { runSummary, type SummaryStep } from '../summarize/run-summary';

const ARTICLE = readFileSync(new URL('../../tests/fixtures/article.txt', import.meta.url), 'utf8');

/** A host whose tokenizer is `count`; it refuses a prompt that does not fit, as a real engine does. */
function host(contextTokens: number, count: (prompt: string) => number) {
  const sent: string[] = [];
  const refused: string[] = [];
  const generate = (request: GenerateRequest, handlers: GenerateHandlers) => {
    const prompt = request.input.kind === 'chat' ? request.input.messages.map((m) => m.content).join('') : '';
    const done = (async (): Promise<GenerateStats> => {
      const tokens = count(prompt);
      if (tokens + (request.options?.maxTokens ?? 0) > contextTokens) {
        refused.push(prompt);
        throw new ContextOverflowError('too long');
      }
      sent.push(prompt);
      handlers.onReading?.({ doneTokens: tokens, totalTokens: tokens });
      handlers.onToken(' note');
      return { promptTokens: tokens, completionTokens: 1, timeToFirstTokenMs: 1, finishReason: 'stop' };
    })();
    return { stop() {}, done };
  };
  return { generate, sent, refused };
}

const job = (text: string) => ({ text, info: { source: 'page' as const, title: 'News', language: null }, style: { length: 'medium' as const, format: 'paragraph' as const } });
const english = (p: string) => Math.ceil(p.length / 4.5); // what real tokenizers do on English (Qwen's: 5.1 here)
const perByte = estimateTokensUpperBound; // the worst any byte-level tokenizer can do

async function summarize(text: string, contextTokens: number, h: ReturnType<typeof host>, countTokens?: (t: string) => Promise<number | null>) {
  const steps: SummaryStep[] = [];
  const out = await runSummary(job(text), { contextTokens, generate: h.generate, countTokens }, { onStep: (s) => steps.push(s), onSummary: () => {} }, new AbortController().signal);
  return { out, steps };
}

describe('one-step reading', () => {
  it('the fixture is a real-length news article', () => {
    const words = ARTICLE.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThanOrEqual(580);
    expect(words).toBeLessThanOrEqual(680);
  });

  it('reads a 600-word article in one step with a 4,096-token context, with no count from the engine', async () => {
    const h = host(4096, english);
    const { out, steps } = await summarize(ARTICLE, 4096, h);
    expect(out.parts).toBe(1);
    expect(steps).toEqual([{ stage: 'final', index: 1, total: 1 }]);
    expect(h.sent).toHaveLength(1);
    expect(h.refused).toEqual([]);
  });

  it('with the engine’s exact count, one step even where the prior alone would split', async () => {
    const context = 1536; // the prior (~1,250 tokens for the article) does not fit beside a 320-token answer
    const withoutCount = await summarize(ARTICLE, context, host(context, english));
    expect(withoutCount.out.parts).toBeGreaterThan(1);
    const h = host(context, english);
    const counted: string[] = [];
    const { out } = await summarize(ARTICLE, context, h, async (t) => (counted.push(t), english(t)));
    expect(counted).toEqual([ARTICLE]);
    expect(out.parts).toBe(1);
    expect(h.refused).toEqual([]);
  });

  it('falls back to the estimate when counting fails', async () => {
    const h = host(4096, english);
    const { out } = await summarize(ARTICLE, 4096, h, async () => { throw new Error('no tokenizer'); });
    expect(out.parts).toBe(1);
  });
});

describe('texts that still split', () => {
  it('splits CJK text safely: one token per byte is never refused', async () => {
    const text = '東京の図書館は百年前に開かれ、町の人々に本を貸してきた。'.repeat(120);
    const h = host(1024, perByte);
    const { out } = await summarize(text, 1024, h);
    expect(out.parts).toBeGreaterThan(3);
    expect(h.refused).toEqual([]);
    expect(out.charsRead).toBe(text.length);
  });

  it('splits emoji-heavy text safely and never inside an emoji', async () => {
    const text = 'Great day 🎉🎉 at the park 🌳😀 with friends 👍. '.repeat(150);
    const h = host(1024, perByte);
    const { out } = await summarize(text, 1024, h);
    expect(out.parts).toBeGreaterThan(1);
    expect(h.refused.length).toBeLessThanOrEqual(2); // the letters are estimated hopefully; a refusal re-splits
    for (const p of h.sent) expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('a prompt refused as too long is split smaller and retried, not failed', async () => {
    const h = host(2048, perByte); // a one-token-a-character model, like the tiny test model
    const text = ARTICLE.repeat(3);
    const { out, steps } = await summarize(text, 2048, h);
    expect(h.refused.length).toBeGreaterThan(0);
    expect(out.finishReason).toBe('stop');
    expect(out.parts).toBeGreaterThan(1);
    expect(steps.at(-1)).toEqual({ stage: 'final', index: 1, total: 1 });
  });

  it('gives up with the engine’s error when even one token per byte does not fit', async () => {
    const h = host(400, (p) => p.length * 3); // a (broken) tokenizer worse than one token per byte
    await expect(summarize(ARTICLE, 400, h)).rejects.toBeInstanceOf(ContextOverflowError);
  });
});
