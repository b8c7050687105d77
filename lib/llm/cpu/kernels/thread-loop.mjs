// A helper thread's whole life: instantiate the kernels on the shared memory, then run every job the caller posts.
// Plain JS so Node's worker_threads (tests, benchmarks) and the browser's module worker load the same file.
// Control words (Int32 at `ctrl`): 0 job generation, 1 helpers done, 2 helpers ready, 3 quit, 4 a helper's job failed.

/** Spin this many polls before sleeping in Atomics.wait: a matmul is often shorter than a futex wake-up. */
const SPIN = 20000;

export function runKernelThread({ module, memory, ctrl, job, tid, stackTop }) {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  // Every instance's __stack_pointer starts at the same address: give this one its own stack.
  instance.exports.__stack_pointer.value = stackTop;
  const word = new Int32Array(memory.buffer, ctrl, 5);
  Atomics.add(word, 2, 1);
  let seen = 0;
  for (;;) {
    let gen = Atomics.load(word, 0);
    for (let i = 0; gen === seen && i < SPIN; i++) gen = Atomics.load(word, 0);
    if (gen === seen) {
      Atomics.wait(word, 0, seen);
      continue;
    }
    seen = gen;
    if (Atomics.load(word, 3)) return;
    try {
      instance.exports.run_job(job, tid);
    } catch {
      Atomics.store(word, 4, 1); // the caller throws; this thread stays usable
    } finally {
      Atomics.add(word, 1, 1);
      Atomics.notify(word, 1);
    }
  }
}
