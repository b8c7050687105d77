/** What the caller posts to each helper thread once. */
export interface KernelThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control words (CTRL). */
  ctrl: number;
  /** Byte offset of the shared job record. */
  job: number;
  /** Thread index (≥ 1; the caller is 0): picks the thread's scratch. */
  tid: number;
  /** Top of this thread's own C stack. */
  stackTop: number;
}
export declare function runKernelThread(init: KernelThreadInit): void;
/** Indices of the shared control words. */
export declare const CTRL: Readonly<{ generation: 0; done: 1; ready: 2; quit: 3; failed: 4; count: 5 }>;
