import type { GenerateRequest } from '../../messaging/protocol';

/** Primes kept waiting at once; past this the oldest is dropped (each is a page the user opened, not a request). */
export const MAX_WAITING_PRIMES = 8;

export interface PrimeLaneDeps {
  /** True when no user request is running or waiting: only then does a prime start. */
  canStart(): boolean;
  /** Read the request's prompt into the engine's cache; `signal` stops it at its next prompt batch. True: read whole. */
  run(request: GenerateRequest, signal: AbortSignal, key: string): Promise<boolean>;
}

/**
 * The model host's background lane: prompts read ahead of the question (`llm.prime`), one at a time, only while the
 * engine has nothing else to do. A user request preempts the running prime (`preempt`, then `settled` before it
 * touches the engine); the preempted prime waits again and later reads only what it had not read. A newer prime with
 * the same key replaces the older one, waiting or running.
 */
export function createPrimeLane(deps: PrimeLaneDeps) {
  const waiting = new Map<string, GenerateRequest>();
  let running: { key: string; request: GenerateRequest; controller: AbortController; preempted: boolean; done: Promise<void> } | null = null;
  let finished = 0;

  function offer(key: string, request: GenerateRequest): void {
    if (running?.key === key) running.controller.abort(); // superseded: not put back
    waiting.delete(key); // a newer one goes to the back of the line
    waiting.set(key, request);
    while (waiting.size > MAX_WAITING_PRIMES) waiting.delete(waiting.keys().next().value!);
    kick();
  }

  /** Start the next waiting prime if the engine is free. Called after every user request and every prime. */
  function kick(): void {
    if (running || !deps.canStart()) return;
    const next = waiting.entries().next();
    if (next.done) return;
    const [key, request] = next.value;
    waiting.delete(key);
    const controller = new AbortController();
    const mine = { key, request, controller, preempted: false, done: Promise.resolve() };
    mine.done = deps
      .run(request, controller.signal, key)
      .then(
        (whole) => void (whole && !controller.signal.aborted && finished++),
        () => {}, // a failed prime costs nothing but its time: the user's own request will meet the error if it is real
      )
      .then(() => {
        running = null;
        // Stopped for a user request: wait again (unless a newer one came), and read the rest when the engine is free.
        if (mine.preempted && !waiting.has(key)) waiting.set(key, request);
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
      running.preempted = true;
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
