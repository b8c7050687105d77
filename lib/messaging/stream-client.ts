import type {
  BackendChoice,
  GenerateClientMessage,
  GenerateHostMessage,
  GenerateRequest,
  GenerateStats,
  LoadProgress,
  ModelSpec,
  PersistTarget,
  ReadingProgress,
} from './protocol';
import { fromWireError, HostUnavailableError } from './errors';
import { GENERATE_PORT, type PortLike } from './port';

export interface GenerateHandlers {
  onQueued?(position: number): void;
  /** On attach: everything written before this port joined. */
  onSnapshot?(text: string): void;
  onBackend?(backend: BackendChoice, model: ModelSpec): void;
  onProgress?(progress: LoadProgress): void;
  /** The model is loaded and reading the prompt: tokens read so far of the prompt's total. */
  onReading?(progress: ReadingProgress): void;
  onToken(text: string): void;
}

export interface GenerationHandle {
  /** Ask the host to stop now; `done` then resolves with finishReason 'aborted'. */
  stop(): void;
  done: Promise<GenerateStats>;
}

type Connect = (info: { name: string }) => PortLike<GenerateHostMessage, GenerateClientMessage>;

/**
 * Stream one generation from the offscreen host over its own port. With a `jobId` it survives this page; with `record`
 * the host keeps its prompt and text once finished (its `recordId` comes in the stats).
 */
export function streamGenerate(
  connect: Connect,
  request: GenerateRequest,
  handlers: GenerateHandlers,
  job?: { jobId: string; persist?: PersistTarget } | { record: true },
): GenerationHandle {
  return openGeneration(connect, { type: 'start', request, ...job }, handlers);
}

/** Join a running (or just finished) job: a snapshot of its text first, then the rest live. */
export function attachGeneration(connect: Connect, jobId: string, handlers: GenerateHandlers): GenerationHandle {
  return openGeneration(connect, { type: 'attach', jobId }, handlers);
}

function openGeneration(connect: Connect, first: GenerateClientMessage, handlers: GenerateHandlers): GenerationHandle {
  const port = connect({ name: GENERATE_PORT });
  let settled = false;
  const done = new Promise<GenerateStats>((resolve, reject) => {
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      port.disconnect();
    };
    port.onMessage.addListener((msg) => {
      switch (msg.type) {
        case 'queued':
          return handlers.onQueued?.(msg.position);
        case 'backend':
          return handlers.onBackend?.(msg.backend, msg.model);
        case 'load-progress':
          return handlers.onProgress?.(msg.progress);
        case 'reading':
          return handlers.onReading?.(msg.progress);
        case 'token':
          return handlers.onToken(msg.text);
        case 'snapshot':
          return handlers.onSnapshot?.(msg.text);
        case 'done':
          return finish(() => resolve(msg.stats));
        case 'error':
          return finish(() => reject(fromWireError(msg.error)));
      }
    });
    port.onDisconnect.addListener(() => {
      if (settled) return;
      settled = true;
      reject(new HostUnavailableError('The model stopped unexpectedly before the answer was finished. Try again.'));
    });
  });
  const post = (msg: GenerateClientMessage) => {
    try {
      port.postMessage(msg);
    } catch {
      // The port is already closed; onDisconnect (or the host's error) settles `done`.
    }
  };
  post(first);
  return {
    stop() {
      if (!settled) post({ type: 'stop' });
    },
    done,
  };
}
