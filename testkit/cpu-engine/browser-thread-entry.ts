// Bundled (esbuild) as the helper-thread script of browser-kernels-page.ts's page (a blob worker).
import { runKernelThread, type KernelThreadInit } from '../../lib/llm/cpu/kernels/thread-loop.mjs';

self.onmessage = (e: MessageEvent<KernelThreadInit>) => runKernelThread(e.data);
