import type { GenerateRequest } from '../../messaging/protocol';
import type { PrimeResult, SessionResult } from './session';
import type { CpuModelInfo, CpuWorkerErrorKind, FromCpuWorker, ToCpuWorker } from './worker-protocol';

export interface WorkerLike {
  postMessage(message: ToCpuWorker): void;
  addEventListener(type: 'message', listener: (event: { data: FromCpuWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/** The worker refused or failed a request; `kind` says whether another engine could do better. */
export class CpuWorkerError extends Error {
  override name = 'CpuWorkerError';
  constructor(readonly kind: CpuWorkerErrorKind | 'crashed' | 'stalled', message: string) {
    super(message);
  }
}

interface Pending {
  onMessage(m: FromCpuWorker): void;
  reject(err: Error): void;
}

/**
 * A request the worker has not said a word about for this long is taken as stuck (a helper thread that never
 * returns, a wedged kernel): the worker is ended, which frees its memory, and the request fails. A prompt batch or
 * one token takes well under a second at the curated sizes; a whole batch of a big model on a busy machine, seconds.
 */
export const DEFAULT_WORKER_STALL_MS = 60_000;

/** The offscreen side of the CPU worker: one request at a time (the host never overlaps calls). */
export function createCpuWorkerClient(createWorker: () => WorkerLike, { stallMs = DEFAULT_WORKER_STALL_MS }: { stallMs?: number } = {}) {
  let worker: WorkerLike | null = null;
  let pending: Pending | null = null;
  // Shared so the busy worker sees an abort at once; a plain buffer where the page is not cross-origin isolated.
  const abort = new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4));

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const w = createWorker();
    w.addEventListener('message', ({ data }) => pending?.onMessage(data));
    w.addEventListener('error', (e) => {
      worker = null;
      w.terminate();
      pending?.reject(new CpuWorkerError('crashed', `The CPU engine stopped: ${e.message ?? 'unknown error'}`));
    });
    return (worker = w);
  }

  /** No word from the worker for `stallMs`: end it (its memory with it) and fail the request it was on. */
  function stalled(w: WorkerLike) {
    if (worker === w) worker = null;
    w.terminate();
    const seconds = Math.round(stallMs / 1000);
    pending?.reject(new CpuWorkerError('stalled', `Hearth's CPU engine made no progress for ${seconds} s and was stopped; its memory is freed, and the next request loads the model again.`));
  }

  // The worker answers one request at a time and its replies carry no id, so requests take turns here: a token count
  // asked for while an answer streams (another tab's summary) waits for that answer instead of taking its replies.
  let turn: Promise<unknown> = Promise.resolve();
  function request<T>(message: ToCpuWorker, onMessage: (m: FromCpuWorker, resolve: (v: T) => void) => void): Promise<T> {
    const mine = turn.catch(() => {}).then(() => send(message, onMessage));
    turn = mine;
    return mine;
  }

  function send<T>(message: ToCpuWorker, onMessage: (m: FromCpuWorker, resolve: (v: T) => void) => void): Promise<T> {
    const w = ensureWorker();
    return new Promise<T>((resolve, reject) => {
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const watch = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => stalled(w), stallMs);
      };
      const finish = (fn: () => void) => {
        clearTimeout(watchdog);
        pending = null;
        fn();
      };
      pending = {
        onMessage(m) {
          watch();
          if (m.type === 'error') finish(() => reject(new CpuWorkerError(m.kind, m.message)));
          else onMessage(m, (v) => finish(() => resolve(v)));
        },
        reject: (err) => finish(() => reject(err)),
      };
      watch();
      w.postMessage(message);
    });
  }

  return {
    load(file: Blob, nCtx: number, threads: number, onProgress: (loaded: number, total: number) => void, kv: { slots?: number; deviceMemoryGb?: number } = {}) {
      return request<CpuModelInfo>({ type: 'load', file, nCtx, threads, abort, ...kv }, (m, resolve) => {
        if (m.type === 'load-progress') onProgress(m.loaded, m.total);
        else if (m.type === 'loaded') resolve(m.info);
      });
    },
    generate(
      req: GenerateRequest,
      onText: (text: string) => void,
      onPromptProgress: (done: number, total: number) => void,
      signal: AbortSignal,
    ): Promise<SessionResult> {
      // Cleared here, not in the worker, so an abort that comes before the worker starts is not lost.
      Atomics.store(abort, 0, signal.aborted ? 1 : 0);
      const stop = () => Atomics.store(abort, 0, 1);
      signal.addEventListener('abort', stop, { once: true });
      // Text that arrives after an abort (already in the message queue) is dropped: the answer ends where Stop was.
      return request<SessionResult>({ type: 'generate', request: req }, (m, resolve) => {
        if (m.type === 'text' && !signal.aborted) onText(m.text);
        else if (m.type === 'prompt-progress') onPromptProgress(m.done, m.total);
        else if (m.type === 'done') resolve(m.result);
      }).finally(() => signal.removeEventListener('abort', stop));
    },
    /** Read the request's prompt into the KV cache; `signal` stops it between prompt batches. */
    prime(req: GenerateRequest, onPromptProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<PrimeResult> {
      Atomics.store(abort, 0, signal.aborted ? 1 : 0);
      const stop = () => Atomics.store(abort, 0, 1);
      signal.addEventListener('abort', stop, { once: true });
      return request<PrimeResult>({ type: 'prime', request: req }, (m, resolve) => {
        if (m.type === 'prompt-progress') onPromptProgress(m.done, m.total);
        else if (m.type === 'primed') resolve(m.result);
      }).finally(() => signal.removeEventListener('abort', stop));
    },
    count(text: string): Promise<number> {
      return request<number>({ type: 'count', text }, (m, resolve) => {
        if (m.type === 'counted') resolve(m.tokens);
      });
    },
    /** Stop the worker: a WebAssembly memory never shrinks, so only ending the worker gives it back. */
    unload() {
      worker?.terminate();
      worker = null;
      pending?.reject(new CpuWorkerError('crashed', 'The CPU engine was stopped.'));
    },
  };
}

export type CpuWorkerClient = ReturnType<typeof createCpuWorkerClient>;
