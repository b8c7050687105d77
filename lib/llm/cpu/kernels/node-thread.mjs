// Helper-thread entry for Node's worker_threads (tests and benchmarks).
import { parentPort } from 'node:worker_threads';
import { runKernelThread } from './thread-loop.mjs';

parentPort.once('message', (init) => runKernelThread(init));
