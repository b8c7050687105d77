import type { LlmEngine } from '../../lib/llm/engine';
import type { EngineKind, GenerateRequest, ModelSpec } from '../../lib/messaging/protocol';
import { ContextOverflowError } from '../../lib/messaging/errors';

const promptOf = (request: GenerateRequest) =>
  request.input.kind === 'chat' ? request.input.messages.at(-1)!.content : request.input.prompt;
const wordsOf = (text: string) => text.split(' ').filter(Boolean).length;

/**
 * An engine for host tests: answers with the request's text split into words, one per tick, and logs calls.
 * Its "tokens" are words: it reads the prompt in batches of `readBatch` words, reporting each batch through
 * `onReading`, counts tokens the same way, and (like a real engine) refuses a prompt longer than its context.
 */
export function createFakeEngine(kind: EngineKind, log: string[] = [], options: { readBatch?: number } = {}): LlmEngine & { log: string[] } {
  let loaded: ModelSpec | null = null;
  const batch = options.readBatch ?? 2;
  return {
    kind,
    log,
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

export const fakeModel = (id: string, engine: EngineKind = 'wasm'): ModelSpec => ({
  id,
  label: id,
  engine,
  source: `https://example.com/${id}.gguf`,
  contextTokens: 512,
});
