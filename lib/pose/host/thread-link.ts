import type { PoseHostMessage, PoseSettings } from '../../messaging/protocol';
import { fromWireError } from '../../messaging/errors';
import type { FrameLike } from './frame-source';
import type { FromPoseWorker, ToPoseWorker } from '../thread-messages';

export interface WorkerLike {
  postMessage(m: ToPoseWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<FromPoseWorker>) => void) | null;
}

export interface PoseWorkerLinkDeps {
  /** Started on the first use and kept: the engine and its wasm stay loaded, and its tensor count stays readable. */
  createWorker(): WorkerLike;
  memory: { get(key: string): string | null; set(key: string, value: string): void };
  /** Which remembered keys to hand over (localStorage is not readable in a worker). */
  keys(): string[];
  cores: number;
  statusTimeoutMs?: number;
}

/** A status asked of the pose thread never waits longer than this: the popup's camera switch waits on it. */
const STATUS_TIMEOUT_MS = 2_000;

/** The offscreen host's side of the pose worker (lib/pose/thread/pose-worker.ts). */
export function createPoseWorkerLink(deps: PoseWorkerLinkDeps) {
  let worker: WorkerLike | null = null;
  let listener: ((m: PoseHostMessage) => void) | null = null;
  const statusWaiters = new Map<number, (n: number) => void>();
  let nextId = 0;
  const get = () => {
    if (worker) return worker;
    worker = deps.createWorker();
    worker.onmessage = ({ data }) => {
      if (data.type === 'host') listener?.(data.message);
      else if (data.type === 'remember') deps.memory.set(data.key, data.value);
      else if (data.type === 'status') {
        statusWaiters.get(data.id)?.(data.numTensors);
        statusWaiters.delete(data.id);
      }
    };
    return worker;
  };
  return {
    /** Run the model on `frames`; resolves once it is ready (with the stop function), rejects with its error. */
    start(settings: PoseSettings, frames: ReadableStream<FrameLike>, emit: (m: PoseHostMessage) => void): Promise<() => void> {
      const w = get();
      return new Promise((resolve, reject) => {
        let ready = false;
        const stop = () => {
          if (listener === onMessage) listener = null;
          w.postMessage({ type: 'stop' });
        };
        const onMessage = (m: PoseHostMessage) => {
          if (!ready && m.type === 'error') {
            listener = null;
            return reject(fromWireError(m.error));
          }
          emit(m);
          if (m.type === 'ready') {
            ready = true;
            resolve(stop);
          }
        };
        listener = onMessage;
        const remembered = Object.fromEntries(deps.keys().flatMap((k) => (deps.memory.get(k) === null ? [] : [[k, deps.memory.get(k)!]])));
        w.postMessage({ type: 'start', settings, frames, remembered, cores: deps.cores }, [frames as unknown as Transferable]);
      });
    },
    /** TF.js's tensor count in the pose thread; null when the thread does not answer in time (busy or stuck). */
    numTensors(): Promise<number | null> {
      if (!worker) return Promise.resolve(0);
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          statusWaiters.delete(id);
          resolve(null);
        }, deps.statusTimeoutMs ?? STATUS_TIMEOUT_MS);
        statusWaiters.set(id, (n) => {
          clearTimeout(timer);
          resolve(n);
        });
        worker!.postMessage({ type: 'status', id });
      });
    },
  };
}
export type PoseWorkerLink = ReturnType<typeof createPoseWorkerLink>;
