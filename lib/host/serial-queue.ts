/**
 * Runs tasks one at a time in arrival order. The model host uses one so that two callers never interleave
 * on the single engine (llama.cpp and WebLLM both hold one conversation state).
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return {
    /** Tasks queued or running. */
    get size() {
      return waiting;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      waiting++;
      const result = tail.then(task).finally(() => {
        waiting--;
      });
      tail = result.catch(() => {});
      return result;
    },
  };
}
