// Helper-thread entry for the browser: a module worker built by Vite (see browser-kernels.ts).
import { runKernelThread, type KernelThreadInit } from './thread-loop.mjs';

self.onmessage = (e: MessageEvent<KernelThreadInit>) => runKernelThread(e.data);
