import type { GenerateRequest } from '../../messaging/protocol';
import type { Kernels } from './kernel-api';
import type { GgufHeader } from '../../gguf/read';
import { createForward, kvBytesPerToken } from './forward';
import { generationOptions } from '../generation-defaults';
import { chooseKvCache } from '../context-size';
import type { ModelConfig } from './model-config';
import { loadModel, type ReadRange } from './load-model';
import { createSession, type PrimeResult, type SessionResult } from './session';
import type { ChatMessage } from '../../messaging/protocol';
import type { RenderedChat, Tokenizer } from './tokenizer';
import { continueCachedTokens } from './token-splice';

export interface CpuRunnerOptions {
  kernels: Kernels;
  header: GgufHeader;
  read: ReadRange;
  tokenizer: Tokenizer;
  /** The chat prompt and where the messages' own text is in it (renderChatPromptParts). */
  renderChat(messages: ChatMessage[]): RenderedChat;
  /** Requested context; the model's own is the cap. */
  nCtx: number;
  /** Prompt tokens per forward pass. */
  batch?: number;
  /** KV cache slots (sequences kept at once); 1 keeps only the last prompt. */
  slots?: number;
  /**
   * The device's memory in GB (navigator.deviceMemory): when set, the context and slot count are chosen from it
   * (context-size.ts), with `nCtx` as the floor; when not, `nCtx` and `slots` are taken as they are.
   */
  deviceMemoryGb?: number;
  onLoadProgress?(loaded: number, total: number): void;
  now?: () => number;
}

export interface RunCallbacks {
  onText(text: string): void;
  onProgress?(done: number, total: number): void;
  shouldStop(): boolean;
}

export const DEFAULT_BATCH = 64;

function kvCacheSize(o: CpuRunnerOptions, config: ModelConfig): { nCtx: number; slots: number } {
  if (o.deviceMemoryGb === undefined) return { nCtx: Math.max(16, Math.min(o.nCtx, config.nCtxTrain)), slots: o.slots ?? 1 };
  return chooseKvCache({
    deviceMemoryGb: o.deviceMemoryGb,
    trainedContext: config.nCtxTrain,
    kvBytesPerToken: kvBytesPerToken(config),
    slots: o.slots ?? 1,
    requested: o.nCtx,
  });
}

/** A loaded model: text in, streamed text out (tokenizer, forward pass, KV cache and sampler together). */
export async function createCpuRunner(o: CpuRunnerOptions) {
  const weights = await loadModel(o.header, o.read, o.kernels, o.onLoadProgress);
  const { nCtx, slots } = kvCacheSize(o, weights.config);
  const forward = createForward(o.kernels, weights, nCtx, o.batch ?? DEFAULT_BATCH, slots);
  const session = createSession(forward, o.now);
  const stopIds = o.tokenizer.stopIds;

  // BOS as the model asks (the tokenizer knows); a rendered chat has already dropped any BOS its template wrote.
  // Special-token text becomes control tokens only in the template's markup, never in a raw completion's text nor in
  // the messages inside a chat.
  function promptTokens(request: GenerateRequest): readonly number[] {
    if (request.input.kind === 'completion') return o.tokenizer.encode(request.input.prompt, { addBos: true, special: false });
    const { text, plain } = o.renderChat(request.input.messages);
    const canon = o.tokenizer.encode(text, { addBos: true, special: true, plain });
    // The model's own split can be a little longer than the canonical one: it must not be what overflows the context.
    const spliced = continueCachedTokens(o.tokenizer, text, canon, session.slots);
    return spliced.length < nCtx || spliced.length <= canon.length ? spliced : canon;
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

  /** Read the request's prompt (rendered as `generate` would) into the cache, without generating. */
  function prime(request: GenerateRequest, cb: Omit<RunCallbacks, 'onText'>): PrimeResult {
    try {
      return session.prime({ prompt: promptTokens(request), onProgress: cb.onProgress, shouldStop: cb.shouldStop });
    } catch (err) {
      session.reset();
      throw err;
    }
  }

  return { config: weights.config, nCtx, slots: forward.nSlots, generate, prime, session, dispose: () => o.kernels.dispose() };
}

export type CpuRunner = Awaited<ReturnType<typeof createCpuRunner>>;
