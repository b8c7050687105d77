// Where MoveNet Lightning's time goes on wasm (after `npm run build`):
//   npx vite-node bench/probe/pose-model.ts -- w:1:st p:1:st w:0:mt:4 camera
// Each config: w (a worker) or p (the page) : setThreadsCount (0 = TF.js default) : st (single-thread SIMD build) or
// mt (threaded SIMD build) [: fake navigator.hardwareConcurrency, which sets the default thread count]. It prints
// the detector's estimate, the bare graph's execute, pre-processing, and the slowest kernels, per config;
// a fifth field `trend` prints the median of each 20 of the graph's first 200 runs; `camera` times each step of the worker's camera path on frames from a fake camera. Cross-origin isolated page, the
// built extension's model and wasm files.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, EXTENSION_DIR } from '../../testkit/browser/launch';
import { dirRoute, fileRoute, startServer, type Route } from '../../testkit/browser/server';
import { fakeCameraArgs, POSE_CLIP, poseY4m } from '../../testkit/pose/pose-video';

const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const js = (await build({ entryPoints: [resolve(import.meta.dirname, 'pose-model-worker.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'error', alias: { '@mediapipe/pose': resolve(import.meta.dirname, '../../lib/pose/host/mediapipe-stub.ts') } })).outputFiles[0]!.contents;
const iso = (body: Buffer | Uint8Array, type: string): Route => (req, res) => (Object.entries(ISOLATED).forEach(([k, v]) => res.setHeader(k, v)), fileRoute(Buffer.from(body), type)(req, res));
const server = await startServer({
  '/p.html': iso(Buffer.from('<!doctype html><video id=v muted src="/clip.mp4"></video><script type=module src="/w.js"></script>'), 'text/html'),
  '/w.js': iso(js, 'text/javascript'),
  '/clip.mp4': iso(readFileSync(POSE_CLIP), 'video/mp4'),
  '/ext/*': dirRoute('/ext/', EXTENSION_DIR, ISOLATED),
});
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', ...fakeCameraArgs(poseY4m())] });
const page = await browser.newPage();
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
await page.goto(`${server.origin}/p.html`);
const configs = (process.argv.slice(2).filter((a) => a !== '--').join(' ') || 'w:1:st w:1:mt w:2:mt p:1:st').split(' ');
for (const c of configs) {
  if (c === 'camera') {
    const r = await page.evaluate(async () => {
      const s = await navigator.mediaDevices.getUserMedia({ video: true });
      const readable = new (globalThis as any).MediaStreamTrackProcessor({ track: s.getVideoTracks()[0], maxBufferSize: 1 }).readable;
      const w = new Worker('/w.js', { type: 'module' });
      const res = await new Promise((r) => ((w.onmessage = (e) => r(e.data)), w.postMessage({ readable, n: 40 }, [readable])));
      w.terminate();
      s.getTracks().forEach((t) => t.stop());
      return res;
    });
    console.log(c, JSON.stringify(r), 'load', readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    continue;
  }
  const [where, threads, mode, cores, extra] = c.split(':');
  const r = await page.evaluate(
    async ({ where, threads, mt, cores, trend }) => {
      const v = document.getElementById('v') as HTMLVideoElement;
      await v.play().catch(() => {});
      v.pause();
      const images: ImageData[] = [];
      const ctx = new OffscreenCanvas(256, 256).getContext('2d')!;
      for (let f = 0; f < 10; f++) {
        v.currentTime = f * 0.3;
        await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
        ctx.drawImage(v, 0, 0, 256, 256);
        images.push(ctx.getImageData(0, 0, 256, 256));
      }
      const opts = { cores, threads, multithread: mt, images, n: 30, profile: true, trend };
      if (where === 'p') return (globalThis as any).probe(opts);
      const w = new Worker('/w.js', { type: 'module' });
      const res = await new Promise((r) => ((w.onmessage = (e) => r(e.data)), w.postMessage(opts)));
      w.terminate();
      return res;
    },
    { where, threads: Number(threads), mt: mode === 'mt', cores: Number(cores ?? 0), trend: extra === 'trend' ? 200 : 0 },
  );
  console.log(c, JSON.stringify(r), 'load', readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
await browser.close();
await server.close();
