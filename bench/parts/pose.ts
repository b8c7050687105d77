import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchHearth, type Hearth } from '../../testkit/browser/launch';
import { dirRoute, fileRoute, startServer, type Route } from '../../testkit/browser/server';
import { openOverlay } from '../../testkit/browser/pose-overlay';
import { bundlePoseRuntime } from '../pose-runtime';
import { fakeCameraArgs, POSE_CLIP, poseY4m } from '../../testkit/pose/pose-video';
import type { BenchOptions } from '../options';
import { summarize } from '../stats';

type Keypoints = Array<{ name: string; x: number; y: number }>;
export interface PoseBackendFigures {
  backend: string;
  fps: number;
  plainPageFps: number;
  /** Camera capture → skeleton drawn (extension: in the overlay view; plain page: result in hand), median ms. */
  latencyMs: number;
  plainPageLatencyMs: number;
  /** How much newer the preview picture on screen is than the skeleton drawn over it, median ms. */
  previewLagMs: number;
  plainPagePreviewLagMs: number;
  inferenceMs: number;
  plainPageInferenceMs: number;
  meanErrorPx: number | null;
  within60: number | null;
  frames: number;
  /** Each round's figures (extension, then the plain page), for the spread. */
  rounds: PoseRound[];
}

export type PoseRound = Pick<PoseBackendFigures, 'fps' | 'plainPageFps' | 'latencyMs' | 'plainPageLatencyMs' | 'previewLagMs' | 'plainPagePreviewLagMs' | 'inferenceMs' | 'plainPageInferenceMs'>;

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

type Drawn = { poses: Keypoints[]; inferenceMs: number; latencyMs: number; previewLagMs: number | null };

/** The real overlay on a page (shortcut, view, offscreen host, worker), measured where the user looks: the view. */
async function extensionRun(hearth: Hearth, pageUrl: string, backend: string, frames: number, model = 'lightning') {
  const page = await hearth.context.newPage();
  await page.goto(pageUrl);
  const view = await openOverlay(hearth, page);
  const drawn = () => view.evaluate(() => Number(document.querySelector('canvas')?.dataset.frames ?? 0)).catch(() => 0);
  const deadline = Date.now() + 120_000;
  while ((await drawn()) < 3 && Date.now() < deadline) await page.waitForTimeout(250);
  const select = view.getByRole('combobox', { name: 'Runs on' });
  // The model and backend sit behind the overlay's Settings button.
  if (!(await select.isVisible())) await view.getByRole('button', { name: 'Settings' }).click();
  const modelSelect = view.getByRole('combobox', { name: 'Model' });
  const change = async (what: typeof select, to: string) => {
    await what.selectOption(to);
    const before = await drawn();
    while ((await drawn()) <= before + 3 && Date.now() < deadline) await page.waitForTimeout(250);
  };
  if ((await modelSelect.inputValue()) !== model) await change(modelSelect, model);
  if ((await select.inputValue()) !== backend) await change(select, backend);
  const run = await view.evaluate(
    (frames) =>
      new Promise<{ got: Drawn[]; seconds: number }>((resolve) => {
        const got: Drawn[] = [];
        let t0 = 0;
        document.querySelector('canvas')!.addEventListener('hearth-pose-drawn', (e) => {
          t0 ||= performance.now();
          got.push((e as CustomEvent<Drawn>).detail);
          if (got.length > frames) resolve({ got: got.slice(1), seconds: (performance.now() - t0) / 1000 });
        });
      }),
    frames,
  );
  const readout = (await view.getByTestId('pose-readout').textContent().catch(() => '')) ?? '';
  await page.close();
  return { ...run, chosen: /· (\w+) ·/.exec(readout)?.[1] ?? 'unknown' };
}

/** MoveNet through the extension's real overlay and the same code in a plain page, per backend, in one browser. */
export async function runPose(_ctx: unknown, o: BenchOptions): Promise<Record<string, PoseBackendFigures>> {
  const video = o.video ?? POSE_CLIP;
  const y4m = video === POSE_CLIP ? poseY4m() : video.endsWith('.y4m') ? video : join(mkdtempSync(join(tmpdir(), 'hearth-bench-')), 'camera.y4m');
  if (y4m !== video && video !== POSE_CLIP) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', video, '-pix_fmt', 'yuv420p', y4m]);
  const expectedPath = o.expected ?? (video === POSE_CLIP ? resolve(import.meta.dirname, '../../tests/fixtures/pose/pose_1.json') : undefined);
  const expected = expectedPath ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Array<Record<string, { x: number; y: number }>>) : null;
  const model = o.poseModel ?? 'lightning';
  const backends = o.backend ? [o.backend] : ['wasm', 'webgl', 'webgpu'];
  const runtime = await bundlePoseRuntime();
  const isolated = (body: Buffer, type: string): Route => (req, res) => (Object.entries(ISOLATED).forEach(([k, v]) => res.setHeader(k, v)), fileRoute(body, type)(req, res));
  const server = await startServer({
    '/pose.html': isolated(readFileSync(resolve(import.meta.dirname, '../pose-plain.html')), 'text/html'),
    '/bench/pose-plain.js': isolated(readFileSync(resolve(import.meta.dirname, '../pose-plain.js')), 'text/javascript'),
    '/bench/pose-runtime.js': isolated(Buffer.from(runtime), 'text/javascript'),
    '/page.html': fileRoute('<!doctype html><title>A page</title><h1>A page with the pose overlay</h1>', 'text/html'),
    '/ext/*': dirRoute('/ext/', EXTENSION_DIR, ISOLATED),
  });
  const hearth = await launchHearth({ webgpu: true, args: fakeCameraArgs(y4m) });
  const result: Record<string, PoseBackendFigures> = {};
  try {
    const plain = await hearth.context.newPage();
    await plain.goto(`${server.origin}/pose.html`);
    for (const backend of backends) {
      const frames = FRAMES[backend] ?? 5;
      // Rounds alternate extension and plain page, so a busy spell on a shared machine hits both alike.
      const rounds: PoseRound[] = [];
      const errors: number[] = [];
      let chosen = '';
      for (let round = 0; round < o.runs; round++) {
        const ext = await extensionRun(hearth, `${server.origin}/page.html`, backend, frames, model);
        chosen = ext.chosen;
        const p = await plain.evaluate(
          ([runtimePath, model, backend, frames]) => (window as never as { benchPose(c: string, m: string, b: string, f: number): Promise<{ fps: number; results: Array<Drawn & { previewLagMs: number }> }> }).benchPose(runtimePath, model, backend, frames),
          ['/bench/pose-runtime.js', model, backend, frames] as const,
        );
        if (expected) errors.push(...ext.got.flatMap((g) => (g.poses[0] ? errorsAgainst(expected, g.poses[0]) : [])));
        rounds.push({
          fps: ext.got.length / ext.seconds,
          plainPageFps: p.fps,
          latencyMs: summarize(ext.got.map((g) => g.latencyMs)).median,
          plainPageLatencyMs: summarize(p.results.map((r) => r.latencyMs)).median,
          previewLagMs: summarize(ext.got.map((g) => g.previewLagMs ?? Number.NaN)).median,
          plainPagePreviewLagMs: summarize(p.results.map((r) => r.previewLagMs)).median,
          inferenceMs: summarize(ext.got.map((g) => g.inferenceMs)).median,
          plainPageInferenceMs: summarize(p.results.map((r) => r.inferenceMs)).median,
        });
      }
      const median = (k: keyof PoseRound) => summarize(rounds.map((r) => r[k])).median;
      result[backend] = {
        backend: chosen,
        fps: median('fps'),
        plainPageFps: median('plainPageFps'),
        latencyMs: median('latencyMs'),
        plainPageLatencyMs: median('plainPageLatencyMs'),
        previewLagMs: median('previewLagMs'),
        plainPagePreviewLagMs: median('plainPagePreviewLagMs'),
        inferenceMs: median('inferenceMs'),
        plainPageInferenceMs: median('plainPageInferenceMs'),
        meanErrorPx: expected ? errors.reduce((a, b) => a + b, 0) / errors.length : null,
        within60: expected ? errors.filter((e) => e <= 60).length / errors.length : null,
        frames: frames * o.runs,
        rounds,
      };
    }
  } finally {
    await hearth.close();
    await server.close();
  }
  return result;
}
