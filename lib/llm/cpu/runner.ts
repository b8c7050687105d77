import type { GenerateRequest } from '../../messaging/protocol';
import type { Kernels } from './kernel-api';
import type { GgufHeader } from '../../gguf/read';
import { createForward } from './forward';
import { generationOptions } from '../generation-defaults';
import { loadModel, type ReadRange } from './load-model';
import { createSession, type SessionResult } from './session';
import type { ChatMessage } from '../../messaging/protocol';
import type { Tokenizer } from './tokenizer';

export interface CpuRunnerOptions {
  kernels: Kernels;
  header: GgufHeader;
  read: ReadRange;
  tokenizer: Tokenizer;
  renderChat(messages: ChatMessage[]): string;
  /** Requested context; the model's own is the cap. */
  nCtx: number;
  /** Prompt tokens per forward pass. */
  batch?: number;
  onLoadProgress?(loaded: number, total: number): void;
  now?: () => number;
}

export interface RunCallbacks {
  onText(text: string): void;
  onProgress?(done: number, total: number): void;
  shouldStop(): boolean;
}

export const DEFAULT_BATCH = 64;

/** A loaded model: text in, streamed text out (tokenizer, forward pass, KV cache and sampler together). */
export async function createCpuRunner(o: CpuRunnerOptions) {
  const weights = await loadModel(o.header, o.read, o.kernels, o.onLoadProgress);
  const nCtx = Math.max(16, Math.min(o.nCtx, weights.config.nCtxTrain));
  const forward = createForward(o.kernels, weights, nCtx, o.batch ?? DEFAULT_BATCH);
  const session = createSession(forward, o.now);
  const stopIds = o.tokenizer.stopIds;

  // BOS as the model asks (the tokenizer knows); a rendered chat has already dropped any BOS its template wrote.
  // Special-token text becomes control tokens only in the template's markup, never in a raw completion's text.
  function promptTokens(request: GenerateRequest): number[] {
    if (request.input.kind === 'completion') return o.tokenizer.encode(request.input.prompt, { addBos: true, special: false });
    return o.tokenizer.encode(o.renderChat(request.input.messages), { addBos: true, special: true });
  }

  function generate(request: GenerateRequest, cb: RunCallbacks): SessionResult {
    const { temperature, maxTokens } = generationOptions(request.options);
    // fatal: false keeps going on invalid bytes (a model can emit them); stream: true holds split characters.
    const decoder = new TextDecoder('utf-8');
    try {
      const result = session.generate({
        prompt: promptTokens(request),
        maxTokens,
        sampler: { temperature },
        stopIds,
        onProgress: cb.onProgress,
        onToken(id) {
          const text = decoder.decode(o.tokenizer.tokenBytes(id), { stream: true });
          if (text) cb.onText(text);
        },
        shouldStop: cb.shouldStop,
      });
      const rest = decoder.decode();
      if (rest) cb.onText(rest);
      return result;
    } catch (err) {
      session.reset();
      throw err;
    }
  }

  return { config: weights.config, nCtx, generate, dispose: () => o.kernels.dispose() };
}

export type CpuRunner = Awaited<ReturnType<typeof createCpuRunner>>;
