import type { GgufHeader, GgufValue } from '../../gguf/read';
import { readGgufHeaderFromBlob } from '../../gguf/read';
import type { Kernels } from './kernel-api';
import { blobReader } from './load-model';
import { UnsupportedModelError } from './model-config';
import { createCpuRunner, type CpuRunner } from './runner';
import { ContextFullError } from './session';
import type { RenderedChat, Tokenizer } from './tokenizer';
import type { ChatMessage } from '../../messaging/protocol';
import type { CpuWorkerErrorKind, FromCpuWorker, ToCpuWorker } from './worker-protocol';

export interface WorkerPort {
  postMessage(message: FromCpuWorker): void;
  addEventListener(type: 'message', listener: (event: { data: ToCpuWorker }) => void): void;
}

export interface CpuWorkerDeps {
  /** The fastest kernels available here, and their name (for stats and logs). */
  createKernels(threads: number): Promise<{ kernels: Kernels; name: string }>;
  createTokenizer(metadata: Record<string, GgufValue>): Tokenizer;
  renderChat(metadata: Record<string, GgufValue>, messages: ChatMessage[]): RenderedChat;
}

const kindOf = (err: unknown): CpuWorkerErrorKind =>
  err instanceof UnsupportedModelError ? 'unsupported' : err instanceof ContextFullError ? 'context' : 'failed';

/**
 * The CPU engine's side of the worker: one model at a time, one request at a time (messages are handled in order;
 * a generation blocks the worker until it ends, so the abort flag is shared memory rather than a message).
 */
export function handleCpuWorker(port: WorkerPort, deps: CpuWorkerDeps): void {
  let runner: CpuRunner | null = null;
  let tokenizer: Tokenizer | null = null;
  let abort: Int32Array<ArrayBufferLike> = new Int32Array(1);
  let chain = Promise.resolve();
  const fail = (err: unknown) =>
    port.postMessage({ type: 'error', kind: kindOf(err), message: (err as Error)?.message ?? String(err) });

  async function load(m: Extract<ToCpuWorker, { type: 'load' }>) {
    runner?.dispose();
    runner = null;
    tokenizer = null;
    abort = m.abort;
    const header: GgufHeader = await readGgufHeaderFromBlob(m.file);
    const tok = deps.createTokenizer(header.metadata);
    const { kernels, name } = await deps.createKernels(m.threads);
    try {
      runner = await createCpuRunner({
        kernels,
        header,
        read: blobReader(m.file),
        tokenizer: tok,
        renderChat: (messages) => deps.renderChat(header.metadata, messages),
        nCtx: m.nCtx,
        slots: m.slots,
        deviceMemoryGb: m.deviceMemoryGb,
        onLoadProgress: (loaded, total) => port.postMessage({ type: 'load-progress', loaded, total }),
      });
    } catch (err) {
      kernels.dispose();
      throw err;
    }
    tokenizer = tok;
    port.postMessage({ type: 'loaded', info: { arch: runner.config.arch, nCtx: runner.nCtx, slots: runner.slots, kernels: name, threads: kernels.threads } });
  }

  function generate(m: Extract<ToCpuWorker, { type: 'generate' }>) {
    if (!runner) throw new Error('No model is loaded.');
    const result = runner.generate(m.request, {
      onText: (text) => port.postMessage({ type: 'text', text }),
      onProgress: (done, total) => port.postMessage({ type: 'prompt-progress', done, total }),
      shouldStop: () => Atomics.load(abort, 0) !== 0,
    });
    port.postMessage({ type: 'done', result });
  }

  function prime(m: Extract<ToCpuWorker, { type: 'prime' }>) {
    if (!runner) throw new Error('No model is loaded.');
    const result = runner.prime(m.request, {
      onProgress: (done, total) => port.postMessage({ type: 'prompt-progress', done, total }),
      shouldStop: () => Atomics.load(abort, 0) !== 0,
    });
    port.postMessage({ type: 'primed', result });
  }

  port.addEventListener('message', ({ data }) => {
    chain = chain.then(async () => {
      try {
        if (data.type === 'load') await load(data);
        else if (data.type === 'generate') generate(data);
        else if (data.type === 'prime') prime(data);
        else if (data.type === 'count') {
          if (!tokenizer) throw new Error('No model is loaded.');
          port.postMessage({ type: 'counted', tokens: tokenizer.encode(data.text, { special: false }).length });
        }
        else {
          runner?.dispose();
          runner = null;
          port.postMessage({ type: 'unloaded' });
        }
      } catch (err) {
        fail(err);
      }
    });
  });
}
