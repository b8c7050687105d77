import type { GenerateRequest } from '../../messaging/protocol';

/** Primes kept waiting at once; past this the oldest is dropped (each is a page the user opened, not a request). */
export const MAX_WAITING_PRIMES = 8;

export interface PrimeLaneDeps {
  /** True when no user request is running or waiting: only then does a prime start. */
  canStart(): boolean;
  /** Read the request's prompt into the engine's cache; `signal` stops it at its next prompt batch. True: read whole. */
  run(request: GenerateRequest, signal: AbortSignal, key: string): Promise<boolean>;
}

interface Running {
  key: string;
  request: GenerateRequest;
  controller: AbortController;
  /** Stopped for a user request (it resumes first) or for a newer prime of another key (it runs right after it). */
  preempted: 'user' | 'newer' | null;
  done: Promise<void>;
}

/**
 * The model host's background lane: prompts read ahead of the question (`llm.prime`), one at a time, only while the
 * engine has nothing else to do, the newest first (the page the user opened last is the one they are about to ask
 * about; a bench found an earlier conversation's prime holding up the current page's for 15 s). A user request preempts the running prime (`preempt`, then `settled` before it
 * touches the engine); the preempted prime waits again and later reads only what it had not read. A newer prime with
 * the same key replaces the older one, waiting or running.
 */
export function createPrimeLane(deps: PrimeLaneDeps) {
  const waiting = new Map<string, GenerateRequest>();
  let running: Running | null = null;
  let finished = 0;

  function offer(key: string, request: GenerateRequest): void {
    if (running?.key === key) running.controller.abort(); // superseded: not put back
    else if (running && !running.controller.signal.aborted) {
      // The newest page the user opened is the one they will ask about: it reads first, the other waits.
      running.preempted = 'newer';
      running.controller.abort();
    }
    waiting.delete(key); // the newest goes to the end, which runs first
    waiting.set(key, request);
    while (waiting.size > MAX_WAITING_PRIMES) waiting.delete(waiting.keys().next().value!);
    kick();
  }

  /** Put a prime back in line: `first` to run next, else right after the newer prime that stopped it. */
  function putBack(key: string, request: GenerateRequest, first: boolean): void {
    if (waiting.has(key)) return; // a newer one of the key came meanwhile
    const rest = [...waiting];
    const newest = first ? undefined : rest.pop();
    waiting.clear();
    for (const [k, r] of rest) waiting.set(k, r);
    waiting.set(key, request);
    if (newest) waiting.set(newest[0], newest[1]);
  }

  /** Start the newest waiting prime if the engine is free. Called after every user request and every prime. */
  function kick(): void {
    if (running || !deps.canStart()) return;
    const next = [...waiting].at(-1);
    if (!next) return;
    const [key, request] = next;
    waiting.delete(key);
    const controller = new AbortController();
    const mine: Running = { key, request, controller, preempted: null, done: Promise.resolve() };
    mine.done = deps
      .run(request, controller.signal, key)
      .then(
        (whole) => void (whole && !controller.signal.aborted && finished++),
        () => {}, // a failed prime costs nothing but its time: the user's own request will meet the error if it is real
      )
      .then(() => {
        running = null;
        // Stopped part way: wait again, and read the rest later (only what it had not read).
        if (mine.preempted) putBack(key, request, mine.preempted === 'user');
        kick();
      });
    running = mine;
  }

  return {
    offer,
    kick,
    /** A user request arrived: stop the running prime at its next batch (what it read stays cached). */
    preempt(): void {
      if (!running || running.controller.signal.aborted) return;
      running.preempted = 'user';
      running.controller.abort();
    },
    /** Resolves once no prime is using the engine. */
    settled: (): Promise<void> => running?.done ?? Promise.resolve(),
    get waiting(): number {
      return waiting.size;
    },
    get running(): boolean {
      return running !== null;
    },
    /** Primes that read their whole prompt. */
    get finished(): number {
      return finished;
    },
  };
}

export type PrimeLane = ReturnType<typeof createPrimeLane>;
