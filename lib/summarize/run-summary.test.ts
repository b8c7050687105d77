import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateStats } from '../messaging/protocol';
import type { GenerateHandlers } from '../messaging/stream-client';
import { ContextOverflowError } from '../messaging/errors';
import { runSummary, groupNotes, type SummaryStep } from './run-summary';
import { buildSummaryMessages } from './prompt';
import { estimateTokensUpperBound } from '../tokens/estimate';
import type { ChatMessage } from '../messaging/protocol';

const promptChars = (ms: ChatMessage[]) => ms.reduce((n, m) => n + m.content.length, 0);

/**
 * A fake host that counts one token per `charsPerToken` characters of the prompt (1: as the tiny test model nearly
 * does; or a function) and answers every step with a fixed note; it refuses prompts that would not fit the context
 * with ContextOverflowError, as a real engine does, and keeps the refused prompts.
 */
function fakeHost(contextTokens: number, answer = 'note.', charsPerToken: number | ((prompt: string) => number) = 1) {
  const prompts: string[] = [];
  const refused: string[] = [];
  const count = (prompt: string) => (typeof charsPerToken === 'function' ? charsPerToken(prompt) : Math.ceil(prompt.length / charsPerToken));
  let stopRequested = false;
  const generate = (request: GenerateRequest, handlers: GenerateHandlers) => {
    if (request.input.kind !== 'chat') throw new Error('chat expected');
    const prompt = request.input.messages.map((m) => m.content).join('');
    prompts.push(prompt);
    const done = (async (): Promise<GenerateStats> => {
      const tokens = count(prompt);
      if (tokens + (request.options?.maxTokens ?? 0) > contextTokens) {
        refused.push(prompts.pop()!);
        throw new ContextOverflowError(`context overflow: ${prompt.length}`);
      }
      let n = 0;
      for (const t of answer.split(/(?= )/)) {
        await Promise.resolve();
        if (stopRequested) break;
        handlers.onToken(t);
        n++;
      }
      return { promptTokens: tokens, completionTokens: n, timeToFirstTokenMs: 1, finishReason: stopRequested ? 'aborted' : 'stop' };
    })();
    return { stop: () => { stopRequested = true; }, done };
  };
  return { generate, prompts, refused, count };
}

const job = (text: string) => ({ text, info: { source: 'page' as const, title: 'T', language: null }, style: { length: 'medium' as const, format: 'paragraph' as const } });
const between = (s: string, a: string, b: string) => s.slice(s.indexOf(a) + a.length, s.lastIndexOf(b));

describe('runSummary', () => {
  it('summarizes a short text in one step and streams it', async () => {
    const host = fakeHost(2048, ' one two');
    const steps: SummaryStep[] = [];
    const tokens: string[] = [];
    const out = await runSummary(job('A short text.'), { contextTokens: 2048, generate: host.generate }, { onStep: (s) => steps.push(s), onNotes: (n) => tokens.push(`notes:${n}`), onSummary: (t) => tokens.push(`summary:${t}`) }, new AbortController().signal);
    expect(out).toMatchObject({ summary: ' one two', parts: 1, charsRead: 13, finishReason: 'stop' });
    expect(steps).toEqual([{ stage: 'final', index: 1, total: 1 }]);
    expect(tokens).toEqual(['summary: one', 'summary: one two']); // the text so far, once
    expect(host.prompts).toHaveLength(1);
  });

  it('reads a long text in parts that fit the context, covering every character once, then combines', async () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.`);
    const text = sentences.join(' ');
    const host = fakeHost(1024, 'A note on this part.');
    const steps: SummaryStep[] = [];
    const seen: string[] = []; // the last step at each event: notes stream during reads, the summary only at the end
    const events = {
      onStep: (s: SummaryStep) => steps.push(s),
      onNotes: (n: string) => seen.push(`${steps.at(-1)!.stage} notes:${n}`),
      onSummary: (t: string) => seen.push(`${steps.at(-1)!.stage} summary:${t}`),
    };
    const out = await runSummary(job(text), { contextTokens: 1024, generate: host.generate }, events, new AbortController().signal);
    // The prior (3 letters a token) is too hopeful for this one-token-a-character host: the first part is refused
    // as too long, sized again (announced again as part 1), and then every part fits.
    expect(host.refused.length).toBeGreaterThan(0);
    expect(seen.filter((e) => e.includes('summary:')).every((e) => e.startsWith('final '))).toBe(true);
    expect(seen.filter((e) => e.includes('notes:')).every((e) => !e.startsWith('final '))).toBe(true);
    expect(seen.at(-1)).toBe('final summary:A note on this part.');
    const reads = steps.filter((s) => s.stage === 'read').filter((s, i, all) => all[i + 1]?.index !== s.index);
    expect(seen.filter((e) => e === 'read notes:A note on this part.')).toHaveLength(reads.length);
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.map((s) => s.index)).toEqual(reads.map((_, i) => i + 1));
    expect(reads.at(-1)!.total).toBe(reads.length); // the estimate of parts ends exact
    const partTexts = host.prompts.filter((p) => p.includes('<text>')).map((p) => between(p, '<text>\n', '\n</text>'));
    expect(partTexts.join('')).toBe(text);
    expect(steps.at(-1)).toEqual({ stage: 'final', index: 1, total: 1 });
    expect(out).toMatchObject({ parts: reads.length, charsRead: text.length, finishReason: 'stop', summary: 'A note on this part.' });
  });

  it('counts the passage headers a page is laid out with: a page that fits only without them is read as a part', async () => {
    const title = 'A rather long title for a page about rivers and the towns along them';
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}. ${'The river runs past the town and the mill. '.repeat(6)}`).join('\n\n');
    const info = { source: 'page' as const, title, language: null };
    const style = { length: 'medium' as const, format: 'paragraph' as const };
    const around = buildSummaryMessages('', info, style).reduce((n, m) => n + estimateTokensUpperBound(m.content), 0);
    const contextTokens = 8192; // the answer's room: 320 tokens
    const room = contextTokens - 320 - 64 - around;
    const sized = text.slice(0, room - 10); // fits by itself, with 10 tokens to spare, at one character a token
    expect(promptChars(buildSummaryMessages(sized, info, style)) - promptChars(buildSummaryMessages('', info, style)) - sized.length).toBeGreaterThan(200);
    const host = fakeHost(contextTokens, 'note.');
    const out = await runSummary({ text: sized, info, style }, { contextTokens, generate: host.generate, countTokens: async (t) => t.length }, { onStep: () => {}, onSummary: () => {} }, new AbortController().signal);
    expect(host.refused).toEqual([]); // never sent in one step to be refused: sized with its headers first
    expect(host.prompts[0]).toMatch(/Here is part 1 of about 1 /);
    expect(out.summary).toBe('note.');
  });

  it('sizes the first part by the prior, later parts by the ratio the engine measured', async () => {
    const text = 'Sentence is here. '.repeat(2000);
    const host = fakeHost(1024, 'note.', 6);
    await runSummary(job(text), { contextTokens: 1024, generate: host.generate }, { onStep: () => {}, onSummary: () => {} }, new AbortController().signal);
    const partTexts = host.prompts.filter((p) => p.includes('<text>')).map((p) => between(p, '<text>\n', '\n</text>'));
    expect(partTexts[1]!.length).toBeGreaterThan(partTexts[0]!.length * 1.4);
    expect(partTexts.join('')).toBe(text);
    expect(host.refused).toEqual([]);
  });

  it('merges notes in several rounds when they do not fit one step', async () => {
    const text = 'word '.repeat(12_000);
    const host = fakeHost(700, 'x'.repeat(60) + '.');
    const steps: SummaryStep[] = [];
    await runSummary(job(text), { contextTokens: 700, generate: host.generate }, { onStep: (s) => steps.push(s), onSummary: () => {} }, new AbortController().signal);
    expect(steps.some((s) => s.stage === 'combine')).toBe(true);
    expect(steps.filter((s) => s.stage === 'final')).toHaveLength(1);
  });

  it('stops between parts and says how much was read', async () => {
    const text = 'Some words here. '.repeat(1000);
    const host = fakeHost(1024);
    const stop = new AbortController();
    const out = await runSummary(job(text), { contextTokens: 1024, generate: host.generate }, {
      onStep: (s) => { if (s.stage === 'read' && s.index === 3) stop.abort(); },
      onSummary: () => {},
    }, stop.signal);
    expect(out.finishReason).toBe('aborted');
    expect(out.parts).toBe(2);
    expect(out.charsRead).toBeGreaterThan(0);
    expect(out.charsRead).toBeLessThan(text.length);
    expect(host.prompts).toHaveLength(3);
  });
});

describe('groupNotes', () => {
  it('keeps order and packs consecutive notes', () => {
    expect(groupNotes(['aa', 'bb', 'cc', 'dd'], () => 4)).toEqual([['aa', 'bb'], ['cc', 'dd']]);
    expect(groupNotes(['aaaaaa', 'b'], () => 4)).toEqual([['aaaaaa'], ['b']]);
  });
});

describe('runSummary: what an engine with its own summarizer is told', () => {
  it('a one-step summary says what it summarizes (text, style, language); steps of a text in parts do not', async () => {
    const requests: GenerateRequest[] = [];
    const host = fakeHost(4096);
    const generate = (request: GenerateRequest, handlers: GenerateHandlers) => (requests.push(request), host.generate(request, handlers));
    const events = { onStep: () => {}, onSummary: () => {} };
    const short = { ...job('A short text about rivers.'), info: { source: 'selection' as const, title: 'T', language: 'English' } };
    await runSummary(short, { contextTokens: 4096, generate }, events, new AbortController().signal);
    expect(requests[0]!.summary).toEqual({ text: 'A short text about rivers.', length: 'medium', format: 'paragraph', language: 'English' });
    requests.length = 0;
    await runSummary(job('A sentence about the sea. '.repeat(400)), { contextTokens: 1024, generate }, events, new AbortController().signal);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r) => r.summary === undefined)).toBe(true);
  });
});
