import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchHearth } from '../../tests/helpers/launch';
import { dirRoute, fileRoute, startServer } from '../../tests/helpers/server';
import { openPopup } from '../../tests/helpers/popup';
import { fakeCameraArgs, POSE_CLIP, poseY4m } from '../../tests/helpers/pose-video';
import type { BenchOptions } from '../options';
import { summarize } from '../stats';

type Keypoints = Array<{ name: string; x: number; y: number }>;
export interface PoseBackendFigures {
  backend: string;
  fps: number;
  plainPageFps: number;
  latencyMs: number;
  plainPageLatencyMs: number;
  inferenceMs: number;
  plainPageInferenceMs: number;
  meanErrorPx: number | null;
  within60: number | null;
  frames: number;
  dropped: number;
}

const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
// Software-emulated GPU backends are very slow on a machine without a GPU: few frames for them.
const FRAMES: Record<string, number> = { wasm: 60, webgl: 8, webgpu: 3, cpu: 5 };

/** Error of one pose against the closest frame of the expected clip (the fake camera loops from an unknown frame). */
function errorsAgainst(expected: Array<Record<string, { x: number; y: number }>>, pose: Keypoints): number[] {
  let best: number[] = [];
  let bestMean = Infinity;
  for (const frame of expected) {
    const e = pose.flatMap((k) => (frame[k.name] ? [Math.abs(k.x - frame[k.name]!.x), Math.abs(k.y - frame[k.name]!.y)] : []));
    const mean = e.reduce((a, b) => a + b, 0) / e.length;
    if (mean < bestMean) [best, bestMean] = [e, mean];
  }
  return best;
}

function extensionRun(page: Page, model: string, backend: string, frames: number) {
  return page.evaluate(
    ([model, backend, frames]) =>
      new Promise<{ got: Array<{ poses: Keypoints[]; inferenceMs: number; latencyMs: number }>; seconds: number; dropped: number; chosen: string; error?: string }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'hearth:pose' });
        const got: Array<{ poses: Keypoints[]; inferenceMs: number; latencyMs: number }> = [];
        let t0 = 0;
        let chosen = '';
        port.onMessage.addListener((m) => {
          if (m.type === 'ready') chosen = m.backend.backend;
          if (m.type === 'error') resolve({ got, seconds: 0, dropped: 0, chosen, error: m.error.message });
          if (m.type !== 'poses') return;
          t0 ||= performance.now();
          got.push({ poses: m.poses, inferenceMs: m.inferenceMs, latencyMs: performance.timeOrigin + performance.now() - m.capturedAt });
          if (got.length > frames) {
            port.disconnect();
            resolve({ got: got.slice(1), seconds: (performance.now() - t0) / 1000, dropped: m.dropped, chosen });
          }
        });
        port.postMessage({ type: 'start', settings: { model, backend } });
      }),
    [model, backend, frames] as const,
  );
}

/** MoveNet through the extension (offscreen host, keypoints over a port) and the same code in a plain page, per backend. */
export async function runPose(_ctx: unknown, o: BenchOptions): Promise<Record<string, PoseBackendFigures>> {
  const video = o.video ?? POSE_CLIP;
  const y4m = video === POSE_CLIP ? poseY4m() : video.endsWith('.y4m') ? video : join(mkdtempSync(join(tmpdir(), 'hearth-bench-')), 'camera.y4m');
  if (y4m !== video && video !== POSE_CLIP) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', video, '-pix_fmt', 'yuv420p', y4m]);
  const expectedPath = o.expected ?? (video === POSE_CLIP ? resolve(import.meta.dirname, '../../tests/fixtures/pose/pose_1.json') : undefined);
  const expected = expectedPath ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Array<Record<string, { x: number; y: number }>>) : null;
  const model = o.poseModel ?? 'lightning';
  const backends = o.backend ? [o.backend] : ['wasm', 'webgl', 'webgpu'];
  const chunk = readdirSync(join(EXTENSION_DIR, 'chunks')).find((f) => f.startsWith('tf-runtime-'));
  if (!chunk) throw new Error('The build has no tf-runtime chunk; run npm run build.');

  const server = await startServer({
    '/pose.html': (req, res) => (Object.entries(ISOLATED).forEach(([k, v]) => res.setHeader(k, v)), fileRoute(readFileSync(resolve(import.meta.dirname, '../pose-plain.html')), 'text/html')(req, res)),
    '/bench/pose-plain.js': (req, res) => (Object.entries(ISOLATED).forEach(([k, v]) => res.setHeader(k, v)), fileRoute(readFileSync(resolve(import.meta.dirname, '../pose-plain.js')), 'text/javascript')(req, res)),
    '/ext/*': dirRoute('/ext/', EXTENSION_DIR, ISOLATED),
  });
  const hearth = await launchHearth({ webgpu: true, args: fakeCameraArgs(y4m) });
  const result: Record<string, PoseBackendFigures> = {};
  try {
    const popup = await openPopup(hearth);
    const plain = await hearth.context.newPage();
    await plain.goto(`${server.origin}/pose.html`);
    for (const backend of backends) {
      const frames = FRAMES[backend] ?? 5;
      const ext = await extensionRun(popup, model, backend, frames);
      if (ext.error) throw new Error(`${backend} in the extension: ${ext.error}`);
      const p = await plain.evaluate(
        ([chunkPath, model, backend, frames]) => (window as never as { benchPose(c: string, m: string, b: string, f: number): Promise<{ fps: number; dropped: number; results: Array<{ poses: Keypoints[]; inferenceMs: number; latencyMs: number }> }> }).benchPose(chunkPath, model, backend, frames),
        [`/ext/chunks/${chunk}`, model, backend, frames] as const,
      );
      const errors = expected ? ext.got.flatMap((g) => (g.poses[0] ? errorsAgainst(expected, g.poses[0]) : [])) : [];
      result[backend] = {
        backend: ext.chosen,
        fps: ext.got.length / ext.seconds,
        plainPageFps: p.fps,
        latencyMs: summarize(ext.got.map((g) => g.latencyMs)).median,
        plainPageLatencyMs: summarize(p.results.map((r) => r.latencyMs)).median,
        inferenceMs: summarize(ext.got.map((g) => g.inferenceMs)).median,
        plainPageInferenceMs: summarize(p.results.map((r) => r.inferenceMs)).median,
        meanErrorPx: expected ? errors.reduce((a, b) => a + b, 0) / errors.length : null,
        within60: expected ? errors.filter((e) => e <= 60).length / errors.length : null,
        frames: ext.got.length,
        dropped: ext.dropped,
      };
    }
  } finally {
    await hearth.close();
    await server.close();
  }
  return result;
}
