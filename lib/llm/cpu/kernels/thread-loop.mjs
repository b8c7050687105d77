// A helper thread's whole life: instantiate the kernels on the shared memory, then run every job the caller posts.
// Plain JS so Node's worker_threads (tests, benchmarks) and the browser's module worker load the same file.

/** The control words (Int32 at `ctrl`) the caller (thread-pool.ts) and the helpers share, by index. */
export const CTRL = Object.freeze({
  /** Bumped by the caller for each job posted (helpers wait on it). */
  generation: 0,
  /** Helpers finished with the current job (the caller waits on it). */
  done: 1,
  /** Helpers instantiated and listening. */
  ready: 2,
  /** Non-zero: helpers return at the next generation. */
  quit: 3,
  /** Non-zero: a helper's share of the current job threw. */
  failed: 4,
  count: 5,
});

/** Spin this many polls before sleeping in Atomics.wait: a matmul is often shorter than a futex wake-up. */
const SPIN = 20000;

export function runKernelThread({ module, memory, ctrl, job, tid, stackTop }) {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  // Every instance's __stack_pointer starts at the same address: give this one its own stack.
  instance.exports.__stack_pointer.value = stackTop;
  const word = new Int32Array(memory.buffer, ctrl, CTRL.count);
  Atomics.add(word, CTRL.ready, 1);
  let seen = 0;
  for (;;) {
    let gen = Atomics.load(word, CTRL.generation);
    for (let i = 0; gen === seen && i < SPIN; i++) gen = Atomics.load(word, CTRL.generation);
    if (gen === seen) {
      Atomics.wait(word, CTRL.generation, seen);
      continue;
    }
    seen = gen;
    if (Atomics.load(word, CTRL.quit)) return;
    try {
      instance.exports.run_job(job, tid);
    } catch {
      Atomics.store(word, CTRL.failed, 1); // the caller throws; this thread stays usable
    } finally {
      Atomics.add(word, CTRL.done, 1);
      Atomics.notify(word, CTRL.done);
    }
  }
}
