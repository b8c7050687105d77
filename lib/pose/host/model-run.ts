import { toWireError } from '../../messaging/errors';
import type { PoseBackendReport, PoseHostMessage, PoseKeypoint, PoseSettings } from '../../messaging/protocol';
import { chooseBackend, startWithFallback } from './choose-backend';
import { fallbackOrder, type PoseDetectorLike, type PoseEngine, type PoseInput } from '../engine';
import { startFrameLoop } from './frame-loop';
import type { FrameLike, LatestFrame } from './frame-source';

export interface ModelRunDeps<F extends FrameLike> {
  engine: PoseEngine;
  /** Remembers the backend chosen per device (the extension origin's localStorage, reached through the host page). */
  memory: { get(key: string): string | null; set(key: string, value: string): void };
  /** Part of the device key the choice is remembered under. */
  cores: number;
  /** The frame as the model's input, and the factor its keypoints must be divided by (lib/pose/host/model-input.ts). */
  toInput(frame: F): { image: PoseInput; scale: number };
  /** Capture timestamp → epoch ms (createCaptureClock). */
  capturedAt(frame: F): number;
}

/** Median time of a few runs of the real model on the real camera picture, after one warm-up run. */
async function timeModel(detector: PoseDetectorLike, input: PoseInput): Promise<number> {
  await detector.estimate(input);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await detector.estimate(input);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function pickBackend<F extends FrameLike>(deps: ModelRunDeps<F>, settings: PoseSettings, input: PoseInput, emit: (m: PoseHostMessage) => void) {
  const rt = deps.engine;
  const probe = await rt.probeDevice();
  const key = `hearth:pose-backend:${settings.model}:${deps.cores}:${probe.webgl.renderer}:${probe.webgpu.fallback}`;
  const remembered = deps.memory.get(key);
  let report: PoseBackendReport;
  if (settings.backend !== 'auto') {
    report = { backend: settings.backend, reason: 'chosen by you', timingsMs: {}, skipped: {} };
  } else if (remembered) {
    report = { ...(JSON.parse(remembered) as PoseBackendReport) };
  } else {
    emit({ type: 'starting', step: 'Timing the model on this device’s backends…' });
    report = await chooseBackend(probe, async (b) => {
      await rt.useBackend(b);
      const detector = await rt.createDetector(settings.model);
      try {
        return await timeModel(detector, input);
      } finally {
        detector.dispose();
      }
    });
    deps.memory.set(key, JSON.stringify(report));
  }
  // The chosen backend first; if it fails now (a lost GPU, a broken driver), the next one in line.
  let detector: PoseDetectorLike | null = null;
  const started = await startWithFallback(fallbackOrder(report.backend, probe), async (b) => {
    await rt.useBackend(b);
    const candidate = await rt.createDetector(settings.model);
    try {
      await candidate.estimate(input);
    } catch (err) {
      candidate.dispose(); // its weights live on the failed backend
      throw err;
    }
    detector = candidate;
  });
  if (started.backend !== report.backend) {
    report = { ...report, backend: started.backend, reason: `${report.backend} failed (${started.failed[report.backend]}); fell back to ${started.backend}` };
    // Remember the one that works, so the next start does not pay for the failure again.
    if (settings.backend === 'auto') deps.memory.set(key, JSON.stringify(report));
  }
  return { detector: detector!, report };
}

const rescale = (poses: PoseKeypoint[][], scale: number) => (scale === 1 ? poses : poses.map((p) => p.map((k) => ({ ...k, x: k.x / scale, y: k.y / scale }))));

/**
 * Pick the backend on the first camera frame, say 'ready', then run the model on the newest frame, back to back,
 * emitting keypoints in camera pixels. Resolves once running, with the function that stops it and frees the model.
 */
export async function runPoseModel<F extends FrameLike>(deps: ModelRunDeps<F>, settings: PoseSettings, frames: LatestFrame<F>, emit: (m: PoseHostMessage) => void): Promise<() => void> {
  const first = await frames.next();
  if (!first) throw new Error('The camera stopped before its first frame.');
  let picked: Awaited<ReturnType<typeof pickBackend>>;
  const size = { width: first.displayWidth, height: first.displayHeight };
  try {
    emit({ type: 'starting', step: 'Loading the pose model…' });
    picked = await pickBackend(deps, settings, deps.toInput(first).image, emit);
  } finally {
    first.close();
  }
  const { detector, report } = picked;
  emit({ type: 'ready', backend: report, model: settings.model, ...size });
  let frame = 0;
  let last = { fps: 0, dropped: 0 };
  const loop = startFrameLoop(
    frames,
    async (f) => {
      const t0 = performance.now();
      const input = deps.toInput(f);
      const poses = rescale(await detector.estimate(input.image), input.scale);
      frame++;
      emit({ type: 'poses', poses, capturedAt: deps.capturedAt(f), frameTimestamp: f.timestamp, inferenceMs: performance.now() - t0, frame, ...last });
    },
    (s) => (last = { fps: s.fps, dropped: s.dropped }),
  );
  loop.done.catch((err) => emit({ type: 'error', error: toWireError(err) }));
  return () => {
    loop.stop();
    // Free the model only once the frame being processed is done with it.
    void loop.done.finally(() => detector.dispose());
  };
}
