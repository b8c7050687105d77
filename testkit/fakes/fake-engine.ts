import type { LlmEngine } from '../../lib/llm/engine';
import type { EngineKind, GenerateRequest, ModelSpec, ReadingProgress } from '../../lib/messaging/protocol';
import { ContextOverflowError } from '../../lib/messaging/errors';

const promptOf = (request: GenerateRequest) =>
  request.input.kind === 'chat' ? request.input.messages.at(-1)!.content : request.input.prompt;
const wordsOf = (text: string) => text.split(' ').filter(Boolean).length;

/**
 * An engine for host tests: answers with the request's text split into words, one per tick, and logs calls.
 * Its "tokens" are words: it reads the prompt in batches of `readBatch` words, reporting each batch through
 * `onReading`, counts tokens the same way, and (like a real engine) refuses a prompt longer than its context.
 */
export function createFakeEngine(kind: EngineKind, log: string[] = [], options: { readBatch?: number; prime?: boolean } = {}): LlmEngine & { log: string[] } {
  let loaded: ModelSpec | null = null;
  const batch = options.readBatch ?? 2;
  // Like a KV cache: the words of the last prompt read (fully or not), so a prime that resumes reads only the rest.
  let cached: string[] = [];
  async function prime(request: GenerateRequest, signal: AbortSignal, onReading?: (p: ReadingProgress) => void) {
    if (!loaded) return { primed: false };
    const words = promptOf(request).split(' ');
    let done = 0;
    while (done < words.length && cached[done] === words[done]) done++;
    const reused = done;
    cached = words.slice(0, done);
    log.push(`prime ${words[0]} from ${done}`);
    // As the CPU engine: what the cache held, first, unless it held it all (then nothing is read, nothing reported).
    if (done < words.length) onReading?.({ doneTokens: done, totalTokens: words.length });
    while (done < words.length) {
      await new Promise((r) => setTimeout(r, 1));
      if (signal.aborted) break;
      cached.push(...words.slice(done, done + batch));
      done = Math.min(done + batch, words.length);
      onReading?.({ doneTokens: done, totalTokens: words.length });
    }
    log.push(`primed ${words[0]} ${done}/${words.length}`);
    return { primed: true, promptTokens: words.length, reusedTokens: reused, cachedTokens: done, finishReason: done === words.length ? ('stop' as const) : ('aborted' as const) };
  }
  return {
    kind,
    log,
    ...(options.prime ? { prime } : {}),
    get loadedModelId() {
      return loaded?.id ?? null;
    },
    async load(model: ModelSpec, onProgress) {
      log.push(`load ${model.id}`);
      onProgress({ modelId: model.id, loadedBytes: 1, totalBytes: 1, phase: 'download' });
      loaded = model;
    },
    async generate(request: GenerateRequest, onToken, signal, onReading) {
      const text = promptOf(request);
      const total = wordsOf(text);
      if (loaded && total > loaded.contextTokens) throw new ContextOverflowError(`${total} tokens do not fit ${loaded.contextTokens}.`);
      log.push(`start ${text}`);
      for (let done = Math.min(batch, total); done > 0; done = done === total ? 0 : Math.min(done + batch, total)) {
        if (signal.aborted) break;
        await new Promise((r) => setTimeout(r, 1));
        onReading?.({ doneTokens: done, totalTokens: total, tokensPerSec: 1000 });
      }
      let n = 0;
      for (const word of text.split(' ')) {
        if (signal.aborted) break;
        await new Promise((r) => setTimeout(r, 2));
        onToken(`${word} `);
        n++;
      }
      log.push(`end ${text}`);
      return { promptTokens: total, completionTokens: n, timeToFirstTokenMs: 1, finishReason: signal.aborted ? 'aborted' : 'stop' };
    },
    async countTokens(text: string) {
      return wordsOf(text);
    },
    async unload() {
      log.push(`unload ${loaded?.id ?? null}`);
      loaded = null;
    },
  };
}

export const fakeModel = (id: string, engine: EngineKind = 'cpu'): ModelSpec => ({
  id,
  label: id,
  engine,
  source: `https://example.com/${id}.gguf`,
  contextTokens: 512,
});
