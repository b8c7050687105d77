/**
 * Run `task`, failing with `onStall()` if it makes no progress for `ms`. The task calls `touch()` whenever it
 * moves. Some runtimes never settle when they break (wllama without 'wasm-unsafe-eval' hangs), so every
 * load gets a watchdog like this.
 */
export async function withStallTimeout<T>(
  ms: number,
  task: (touch: () => void) => Promise<T>,
  onStall: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: (err: Error) => void = () => {};
  const stalled = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(onStall()), ms);
  };
  touch();
  try {
    return await Promise.race([task(touch), stalled]);
  } finally {
    clearTimeout(timer);
  }
}
