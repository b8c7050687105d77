import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateStats } from '../messaging/protocol';
import type { GenerateHandlers } from '../messaging/stream-client';
import { runWrite, type WriteDeps } from './run-write';
import { ContextOverflowError } from '../messaging/errors';

const stats = (finishReason: GenerateStats['finishReason'] = 'stop'): GenerateStats => ({ promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, finishReason });

/** A model that answers each part with its text upper-cased (inside the prompt's <text> block), in two tokens. */
function fakeModel(contextTokens = 4096, finish: GenerateStats['finishReason'] = 'stop') {
  const requests: GenerateRequest[] = [];
  const deps: WriteDeps = {
    contextTokens,
    countTokens: async (t) => Math.ceil(t.length / 2),
    generate(request: GenerateRequest, handlers: GenerateHandlers) {
      requests.push(request);
      const content = request.input.kind === 'chat' ? request.input.messages[1]!.content : '';
      const text = /<text>\n([\s\S]*)\n<\/text>/.exec(content)![1]!.trim().toUpperCase();
      let stopped = false;
      const done = (async () => {
        handlers.onToken(`Here is the text:\n${text.slice(0, 3)}`);
        await Promise.resolve();
        if (stopped) return stats('aborted');
        handlers.onToken(text.slice(3));
        return stats(finish);
      })();
      return { stop: () => void (stopped = true), done };
    },
  };
  return { deps, requests };
}

describe('runWrite', () => {
  it('asks once for a short text, greedily, and cleans the answer', async () => {
    const { deps, requests } = fakeModel();
    const seen: string[] = [];
    const out = await runWrite({ text: 'they was here.\n', action: { kind: 'proofread' }, language: 'English' }, deps, { onText: (t) => seen.push(t) }, new AbortController().signal);
    expect(out).toMatchObject({ suggestion: 'THEY WAS HERE.\n', finishReason: 'stop', parts: 1 });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.options).toEqual({ maxTokens: Math.ceil(8 * 1.5) + 32, temperature: 0 });
    expect(seen.at(-1)).toBe('THEY WAS HERE.\n');
  });

  it('does a long text in parts and joins the answers in order, paragraphs kept', async () => {
    const { deps, requests } = fakeModel(400);
    const text = Array.from({ length: 8 }, (_, i) => `paragraph ${i} tells of the garden, its roses and its gravel paths.`).join('\n\n');
    const out = await runWrite({ text, action: { kind: 'rewrite', tone: 'clearer' }, language: null }, deps, { onText: () => {} }, new AbortController().signal);
    expect(out.parts).toBeGreaterThan(1);
    expect(requests).toHaveLength(out.parts);
    expect(out.suggestion).toBe(text.toUpperCase());
  });

  it('keeps what was written when stopped, and says so', async () => {
    const { deps } = fakeModel();
    const ctl = new AbortController();
    const out = await runWrite({ text: 'some words here', action: { kind: 'proofread' }, language: null }, deps, {
      onText: () => ctl.abort(),
    }, ctl.signal);
    expect(out.finishReason).toBe('aborted');
    expect(out.suggestion).toBe('Here is the text:\nSOM');
  });

  it('reports an answer cut off by its token limit', async () => {
    const { deps } = fakeModel(4096, 'length');
    const out = await runWrite({ text: 'some words', action: { kind: 'proofread' }, language: null }, deps, { onText: () => {} }, new AbortController().signal);
    expect(out.finishReason).toBe('length');
  });
});

describe('runWrite when the engine refuses a part as too long', () => {
  it('splits that part smaller and goes on, all parts joined in order', async () => {
    const { deps, requests } = fakeModel(4096);
    const generate = deps.generate;
    // The engine takes at most 40 characters of text in a prompt (the estimate said more would fit).
    deps.generate = (request, handlers) => {
      const content = request.input.kind === 'chat' ? request.input.messages[1]!.content : '';
      const text = /<text>\n([\s\S]*)\n<\/text>/.exec(content)![1]!;
      if (text.length > 40) return { stop: () => {}, done: Promise.reject(new ContextOverflowError('too long')) };
      return generate(request, handlers);
    };
    const text = 'first sentence is here. second sentence is here. third one too.';
    const out = await runWrite({ text, action: { kind: 'proofread' }, language: null }, deps, { onText: () => {} }, new AbortController().signal);
    expect(out.parts).toBeGreaterThan(1);
    expect(out.suggestion.replace(/\s+/g, ' ')).toBe(text.toUpperCase());
    expect(requests.length).toBe(out.parts);
  });

  it('gives up with the engine’s error when nothing smaller is left to try', async () => {
    const { deps } = fakeModel(4096);
    deps.generate = () => ({ stop: () => {}, done: Promise.reject(new ContextOverflowError('too long')) });
    await expect(runWrite({ text: 'words here', action: { kind: 'proofread' }, language: null }, deps, { onText: () => {} }, new AbortController().signal)).rejects.toThrow(ContextOverflowError);
  });
});
