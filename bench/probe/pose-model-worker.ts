// Probe: where MoveNet Lightning's time goes on wasm, in a worker or a page (bench/probe/pose-model.ts drives it).
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { createTfPoseEngine } from '../../lib/pose/host/tf-runtime';

const median = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
async function time(n: number, f: () => unknown) {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await f();
    t.push(performance.now() - s);
  }
  return { median: +median(t).toFixed(1), min: +Math.min(...t).toFixed(1) };
}

export async function probe(opts: { cores?: number; threads: number; multithread: boolean; images: ImageData[]; n: number; profile?: boolean; trend?: number }) {
  const out: Record<string, unknown> = { crossOriginIsolated: (self as { crossOriginIsolated?: boolean }).crossOriginIsolated };
  const engine = createTfPoseEngine({ gpu: undefined, packagedUrl: (p) => `${self.location.origin}/ext${p}`, createCanvas: () => new OffscreenCanvas(1, 1) as never });
  if (opts.threads > 0) setThreadsCount(opts.threads);
  if (opts.cores) Object.defineProperty(Object.getPrototypeOf(navigator), 'hardwareConcurrency', { get: () => opts.cores, configurable: true });
  const orig = tf.env().set.bind(tf.env());
  // Let the probe override TF_SETUP's multithread flag.
  tf.env().set = (k: string, v: unknown) => orig(k, k === 'WASM_HAS_MULTITHREAD_SUPPORT' ? opts.multithread : (v as never));
  await engine.useBackend('wasm');
  tf.env().set = orig;
  out.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  out.mt = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  out.threads = getThreadsCount();
  const det = await engine.createDetector('lightning');
  let i = 0;
  await det.estimate(opts.images[0]!);
  await det.estimate(opts.images[1]!);
  out.estimate = await time(opts.n, () => det.estimate(opts.images[i++ % opts.images.length]!));
  det.dispose();
  const model = await loadGraphModel(`${self.location.origin}/ext/models/movenet-lightning.json`);
  const input = tf.tidy(() => tf.cast(tf.expandDims(tf.image.resizeBilinear(tf.browser.fromPixels(opts.images[0]!), [192, 192]), 0), 'int32'));
  if (!opts.trend) for (let k = 0; k < 3; k++) (model.execute(input) as tf.Tensor).dispose();
  if (opts.trend) {
    // Per window of 20 runs from the first: does the model get faster as the engine tiers its wasm code up?
    const t: number[] = [];
    for (let k = 0; k < opts.trend; k++) {
      const s0 = performance.now();
      const o = model.execute(input) as tf.Tensor;
      o.dataSync();
      o.dispose();
      t.push(performance.now() - s0);
    }
    out.trend = Array.from({ length: Math.ceil(t.length / 20) }, (_, w) => +median(t.slice(w * 20, w * 20 + 20)).toFixed(1));
  }
  out.execute = await time(opts.n, () => {
    const o = model.execute(input) as tf.Tensor;
    o.dataSync();
    o.dispose();
  });
  out.pre = await time(opts.n, () => {
    const t = tf.tidy(() => tf.cast(tf.image.cropAndResize(tf.expandDims(tf.browser.fromPixels(opts.images[i++ % opts.images.length]!), 0) as tf.Tensor4D, tf.tensor2d([[0, 0, 1, 1]]), tf.zeros([1], 'int32'), [192, 192], 'bilinear', 0), 'int32'));
    t.dataSync();
    t.dispose();
  });
  if (opts.profile) {
    const p = await tf.profile(() => (model.execute(input) as tf.Tensor).dispose());
    const by: Record<string, number> = {};
    for (const k of p.kernels) by[k.name] = (by[k.name] ?? 0) + (k.kernelTimeMs as number);
    out.kernels = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(1)}`);
    out.kernelCount = p.kernels.length;
  }
  input.dispose();
  model.dispose();
  return out;
}

if (typeof document === 'undefined') {
  self.onmessage = async (e: MessageEvent) => {
    try {
      postMessage(e.data.readable ? await cameraPath(e.data.readable, e.data.n) : await probe(e.data));
    } catch (err) {
      postMessage({ error: String((err as Error)?.stack ?? err) });
    }
  };
} else (globalThis as unknown as { probe: typeof probe }).probe = probe;

function rgbTensor(img: ImageData) {
  const src = img.data;
  const n = img.width * img.height;
  const out = new Int32Array(n * 3);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i * 3] = src[j]!;
    out[i * 3 + 1] = src[j + 1]!;
    out[i * 3 + 2] = src[j + 2]!;
  }
  return tf.tensor3d(out, [img.height, img.width, 3], 'int32');
}

/** The worker's camera path: each step's time per frame, on frames read from a transferred camera stream. */
export async function cameraPath(readable: ReadableStream<VideoFrame>, n: number) {
  const engine = createTfPoseEngine({ gpu: undefined, packagedUrl: (p) => `${self.location.origin}/ext${p}`, createCanvas: () => new OffscreenCanvas(1, 1) as never });
  await engine.useBackend('wasm');
  const det = await engine.createDetector('lightning');
  const model = await loadGraphModel(`${self.location.origin}/ext/models/movenet-lightning.json`);
  const reader = readable.getReader();
  const steps: Record<string, number[]> = {};
  const add = (k: string, v: number) => (steps[k] ??= []).push(v);
  const c256 = new OffscreenCanvas(256, 256).getContext('2d', { willReadFrequently: true })!;
  const c192 = new OffscreenCanvas(192, 192).getContext('2d', { willReadFrequently: true })!;
  for (let i = 0; i < n + 5; i++) {
    const { value: f } = await reader.read();
    if (!f) break;
    let t = performance.now();
    c256.drawImage(f, 0, 0, 256, 256);
    const img = c256.getImageData(0, 0, 256, 256);
    add('draw+get256', performance.now() - t);
    t = performance.now();
    c192.drawImage(f, 0, 0, 192, 192);
    c192.getImageData(0, 0, 192, 192);
    add('draw+get192', performance.now() - t);
    t = performance.now();
    const buf = new Uint8Array(f.allocationSize());
    await f.copyTo(buf);
    add(`copyTo(${f.format})`, performance.now() - t);
    f.close();
    t = performance.now();
    tf.tidy(() => tf.browser.fromPixels(img).dataSync());
    add('fromPixels256', performance.now() - t);
    t = performance.now();
    tf.browser.fromPixels(img).dispose();
    add('fromPixelsOnly', performance.now() - t);
    t = performance.now();
    rgbTensor(img).dispose();
    add('mineOnly', performance.now() - t);
    t = performance.now();
    const mine = rgbTensor(img);
    mine.dataSync();
    add('mine256', performance.now() - t);
    t = performance.now();
    await det.estimate(mine as never);
    add('estimateTensor256', performance.now() - t);
    const x = tf.tidy(() => tf.cast(tf.expandDims(tf.image.resizeBilinear(mine, [192, 192]), 0), 'int32'));
    mine.dispose();
    t = performance.now();
    const o = model.execute(x) as tf.Tensor;
    o.dataSync();
    add('execute192', performance.now() - t);
    o.dispose();
    x.dispose();
    t = performance.now();
    await det.estimate(img);
    add('estimate256', performance.now() - t);
  }
  det.dispose();
  return Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, +median(v.slice(5)).toFixed(2)]));
}
