// Helper-thread entry for the browser: a module worker that Vite bundles (lib/llm/cpu/browser-kernels.ts imports it with `?worker`).
import { runKernelThread, type KernelThreadInit } from '../kernels/thread-loop.mjs';

self.onmessage = (e: MessageEvent<KernelThreadInit>) => runKernelThread(e.data);
