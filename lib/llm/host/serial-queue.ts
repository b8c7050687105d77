/**
 * Runs tasks one at a time in arrival order. The model host uses one so that two callers never interleave
 * on the single engine (llama.cpp and WebLLM both hold one conversation state).
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  /** Tasks queued and not started yet, in order, with the place each was last told. */
  const waiting: Array<{ onPlace?: (ahead: number) => void; told: number }> = [];
  return {
    /** Tasks queued or running. */
    get size() {
      return size;
    },
    /**
     * Queue `task`. `onPlace` hears how many tasks are ahead of it: at once, then each time that number
     * changes while it waits (never 0 again: its start is the caller's own news).
     */
    run<T>(task: () => Promise<T>, onPlace?: (ahead: number) => void): Promise<T> {
      const entry = { onPlace, told: size };
      onPlace?.(size);
      waiting.push(entry);
      size++;
      const result = tail
        .then(() => {
          waiting.shift();
          // The task starting now is ahead of every waiting one, and so are those still before each.
          waiting.forEach((w, i) => {
            if (w.told !== i + 1) w.onPlace?.((w.told = i + 1));
          });
          return task();
        })
        .finally(() => {
          size--;
        });
      tail = result.catch(() => {});
      return result;
    },
  };
}
