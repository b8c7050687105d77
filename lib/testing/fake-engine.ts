import type { LlmEngine } from '../llm/engine';
import type { EngineKind, GenerateRequest, ModelSpec } from '../messaging/protocol';

/** An engine for host tests: answers with the request's text split into words, one per tick, and logs calls. */
export function createFakeEngine(kind: EngineKind, log: string[] = []): LlmEngine & { log: string[] } {
  let loaded: string | null = null;
  return {
    kind,
    log,
    get loadedModelId() {
      return loaded;
    },
    async load(model: ModelSpec, onProgress) {
      log.push(`load ${model.id}`);
      onProgress({ modelId: model.id, loadedBytes: 1, totalBytes: 1, phase: 'download' });
      loaded = model.id;
    },
    async generate(request: GenerateRequest, onToken, signal) {
      const text = request.input.kind === 'chat' ? request.input.messages.at(-1)!.content : request.input.prompt;
      log.push(`start ${text}`);
      let n = 0;
      for (const word of text.split(' ')) {
        if (signal.aborted) break;
        await new Promise((r) => setTimeout(r, 2));
        onToken(`${word} `);
        n++;
      }
      log.push(`end ${text}`);
      return { promptTokens: 1, completionTokens: n, timeToFirstTokenMs: 1, finishReason: signal.aborted ? 'aborted' : 'stop' };
    },
    async unload() {
      log.push(`unload ${loaded}`);
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
