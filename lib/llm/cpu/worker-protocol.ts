import type { GenerateRequest } from '../../messaging/protocol';
import type { PrimeResult, SessionResult } from './session';

/** Offscreen document → CPU worker. */
export type ToCpuWorker =
  /** `abort` is an Int32Array over a SharedArrayBuffer: the worker's event loop is busy while it computes. */
  | { type: 'load'; file: Blob; nCtx: number; threads: number; abort: Int32Array; slots?: number; deviceMemoryGb?: number }
  | { type: 'generate'; request: GenerateRequest }
  /** Read the request's prompt into the KV cache without generating (stopped by the same abort flag). */
  | { type: 'prime'; request: GenerateRequest }
  /** Tokens the loaded model's tokenizer makes of `text` (page text: special-token spellings stay text). */
  | { type: 'count'; text: string }
  | { type: 'unload' };

export type CpuWorkerErrorKind = 'unsupported' | 'context' | 'failed';

/** CPU worker → offscreen document. */
export type FromCpuWorker =
  | { type: 'load-progress'; loaded: number; total: number }
  | { type: 'loaded'; info: CpuModelInfo }
  | { type: 'prompt-progress'; done: number; total: number }
  | { type: 'text'; text: string }
  | { type: 'counted'; tokens: number }
  | { type: 'done'; result: SessionResult }
  | { type: 'primed'; result: PrimeResult }
  | { type: 'unloaded' }
  | { type: 'error'; kind: CpuWorkerErrorKind; message: string };

export interface CpuModelInfo {
  arch: string;
  nCtx: number;
  /** KV cache slots: prompts kept at once. */
  slots: number;
  kernels: string;
  threads: number;
}
