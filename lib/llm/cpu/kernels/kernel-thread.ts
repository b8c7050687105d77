// Helper-thread entry for the browser: a module worker that Vite bundles (cpu-worker.ts imports it with `?worker`).
import { runKernelThread, type KernelThreadInit } from './thread-loop.mjs';

self.onmessage = (e: MessageEvent<KernelThreadInit>) => runKernelThread(e.data);
