import type { GenerateHostMessage, GenerateStats, PersistTarget, WireError } from '../../messaging/protocol';
import { toWireError } from '../../messaging/errors';

export type JobStatus = 'running' | 'done' | 'stopped' | 'error';

export interface Job {
  id: string;
  text: string;
  status: JobStatus;
  persist?: PersistTarget;
  stats?: GenerateStats;
  error?: WireError;
}

type Listener = (msg: GenerateHostMessage) => void;
type LiveJob = Job & { listeners: Set<Listener>; controller: AbortController };

export interface JobRegistryDeps {
  /** Save a job's text where the UI reads it (at the start, throttled while running, always at the end). */
  persist?(job: Job): Promise<void>;
  persistEveryMs?: number;
  /** Finished jobs kept for late reattaches. */
  keepFinished?: number;
}

/**
 * Detachable generations: a job keeps running when its port closes, keeps its text, and any later port can
 * attach to it and get everything so far, then the rest live.
 */
export function createJobRegistry(deps: JobRegistryDeps = {}) {
  const jobs = new Map<string, LiveJob>();
  const every = deps.persistEveryMs ?? 1000;

  function prune() {
    const finished = [...jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - (deps.keepFinished ?? 20)))) jobs.delete(j.id);
  }

  function start(
    id: string,
    persist: PersistTarget | undefined,
    run: (emit: Listener, signal: AbortSignal) => Promise<GenerateStats>,
    listener?: Listener,
  ): () => void {
    const job: LiveJob = { id, text: '', status: 'running', persist, listeners: new Set<Listener>(), controller: new AbortController() };
    if (listener) job.listeners.add(listener);
    jobs.get(id)?.controller.abort();
    jobs.set(id, job);
    let lastSave = 0;
    const save = () => deps.persist?.(job).catch(() => {});
    // On record at once (waiting in the queue, loading the model): a popup opened now finds the answer and attaches.
    void save();
    const emit: Listener = (msg) => {
      if (msg.type === 'token') {
        job.text += msg.text;
        if (Date.now() - lastSave > every) {
          lastSave = Date.now();
          void save();
        }
      }
      for (const l of job.listeners) l(msg);
    };
    run(emit, job.controller.signal).then(
      (stats) => {
        job.stats = stats;
        job.status = stats.finishReason === 'aborted' ? 'stopped' : 'done';
        void save();
        for (const l of job.listeners) l({ type: 'done', stats });
        prune();
      },
      (err) => {
        job.error = toWireError(err);
        job.status = job.error.code === 'aborted' ? 'stopped' : 'error';
        void save();
        for (const l of job.listeners) l({ type: 'error', error: job.error });
        prune();
      },
    );
    return () => {
      if (listener) job.listeners.delete(listener);
    };
  }

  /** Listen to a job: first a snapshot of its text, then live messages (or its end, if it has ended). */
  function attach(id: string, listener: Listener): (() => void) | null {
    const job = jobs.get(id);
    if (!job) return null;
    listener({ type: 'snapshot', text: job.text });
    if (job.status === 'running') {
      job.listeners.add(listener);
      return () => job.listeners.delete(listener);
    }
    if (job.stats) listener({ type: 'done', stats: job.stats });
    else if (job.error) listener({ type: 'error', error: job.error });
    return () => {};
  }

  return {
    start,
    attach,
    stop(id: string) {
      jobs.get(id)?.controller.abort();
    },
    get(id: string): Job | undefined {
      return jobs.get(id);
    },
  };
}

export type JobRegistry = ReturnType<typeof createJobRegistry>;
