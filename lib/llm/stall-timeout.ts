/**
 * Run `task`, failing with `onStall(window)` if it makes no progress for `ms`. The task calls `touch()` whenever it
 * moves (`touch(next)` to allow `next` ms until its next move). Some runtimes never settle when they break (wllama
 * without 'wasm-unsafe-eval' hangs), so every load and generation gets a watchdog like this.
 */
export async function withStallTimeout<T>(
  ms: number,
  task: (touch: (next?: number) => void) => Promise<T>,
  onStall: (window: number) => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: (err: Error) => void = () => {};
  const stalled = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const touch = (next = ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(onStall(next)), next);
  };
  touch();
  try {
    return await Promise.race([task(touch), stalled]);
  } finally {
    clearTimeout(timer);
  }
}
