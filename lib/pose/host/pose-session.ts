import type { PoseBackendName, PoseBackendReport, PoseHostMessage, PoseSettings } from '../../messaging/protocol';
import { CameraError, CameraPermissionError, toWireError } from '../../messaging/errors';
import { chooseBackend, startWithFallback } from './choose-backend';
import { fallbackOrder, type PoseDetectorLike, type PoseEngine, type PoseInput } from '../engine';
import { startFrameLoop } from './frame-loop';
import { describeCameraError } from '../camera-error';

export interface PoseSessionDeps {
  /** The engine (TF.js: lib/pose/host/tf-runtime.ts), imported only when pose first starts. */
  loadEngine(): Promise<PoseEngine>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  createVideo(): HTMLVideoElement;
  /** Remembers the backend chosen per device (localStorage of the extension origin). */
  memory: { get(key: string): string | null; set(key: string, value: string): void };
  /** Part of the device key the choice is remembered under (default: navigator.hardwareConcurrency). */
  cores?: number;
}

type Listener = (m: PoseHostMessage) => void;

function cameraError(err: unknown): CameraError | CameraPermissionError {
  const problem = describeCameraError(err);
  return problem.needsPermission ? new CameraPermissionError(problem.message) : new CameraError(problem.message);
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

/**
 * The camera, the model and the frame loop in the offscreen host, shared by every open overlay. The camera is
 * released as soon as the last overlay goes away (closed, navigated, tab closed).
 */
export function createPoseSession(deps: PoseSessionDeps) {
  const listeners = new Set<Listener>();
  let stopCurrent: (() => void) | null = null;
  let starting: Promise<void> | null = null;
  let current: { settings: PoseSettings; ready: PoseHostMessage } | null = null;
  let runtime: PoseEngine | null = null;
  const emit = (m: PoseHostMessage) => listeners.forEach((l) => l(m));

  async function pickBackend(rt: PoseEngine, settings: PoseSettings, video: HTMLVideoElement): Promise<{ detector: PoseDetectorLike; report: PoseBackendReport }> {
    const probe = await rt.probeDevice();
    const key = `hearth:pose-backend:${settings.model}:${deps.cores ?? globalThis.navigator?.hardwareConcurrency ?? 0}:${probe.webgl.renderer}:${probe.webgpu.fallback}`;
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
          return await timeModel(detector, video);
        } finally {
          detector.dispose();
        }
      });
      deps.memory.set(key, JSON.stringify(report));
    }
    // The chosen backend first; if it fails now (a lost GPU, a broken driver), the next one in line.
    const order = fallbackOrder(report.backend, probe);
    let detector: PoseDetectorLike | null = null;
    const started = await startWithFallback(order, async (b) => {
      await rt.useBackend(b);
      const candidate = await rt.createDetector(settings.model);
      try {
        await candidate.estimate(video);
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

  async function start(settings: PoseSettings) {
    stopCurrent?.();
    if (listeners.size === 0) return; // everyone left while an earlier start was still running
    emit({ type: 'starting', step: 'Starting the camera…' });
    let stream: MediaStream;
    try {
      stream = await deps.getUserMedia({ video: true, audio: false }); // the camera's own size: no rescaling
    } catch (err) {
      throw cameraError(err);
    }
    const release = () => stream.getTracks().forEach((t) => t.stop());
    try {
      const video = deps.createVideo();
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      await video.play();
      emit({ type: 'starting', step: 'Loading the pose model…' });
      const rt = (runtime ??= await deps.loadEngine());
      const { detector, report } = await pickBackend(rt, settings, video);
      const ready: PoseHostMessage = { type: 'ready', backend: report, model: settings.model, width: video.videoWidth, height: video.videoHeight };
      current = { settings, ready };
      emit(ready);
      let frame = 0;
      let last = { fps: 0, dropped: 0 };
      const stopLoop = startFrameLoop(
        video,
        async (capturedAtPerf) => {
          const t0 = performance.now();
          const poses = await detector.estimate(video);
          frame++;
          emit({ type: 'poses', poses, capturedAt: performance.timeOrigin + capturedAtPerf, inferenceMs: performance.now() - t0, frame, ...last });
        },
        (s) => (last = { fps: s.fps, dropped: s.dropped }),
      );
      stopCurrent = () => {
        stopLoop();
        detector.dispose();
        release();
        video.srcObject = null;
        stopCurrent = null;
        current = null;
      };
      // Every overlay left while the camera and model were starting: nobody would ever stop it, so stop now.
      if (listeners.size === 0) stopCurrent();
    } catch (err) {
      release();
      throw err;
    }
  }

  return {
    /** Join (or start) the session; resolves once this listener has been told the session is ready or failed. */
    subscribe(settings: PoseSettings, listener: Listener): () => void {
      listeners.add(listener);
      const leave = () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopCurrent?.();
      };
      if (current && current.settings.model === settings.model && current.settings.backend === settings.backend) {
        listener(current.ready); // join the running session: one camera, one model, many overlays
        return leave;
      }
      const run = (starting ?? Promise.resolve()).then(() => start(settings));
      starting = run.catch(() => {});
      run.catch((err) => listener({ type: 'error', error: toWireError(err) }));
      return leave;
    },
    /** For diagnostics and the leak test: is the camera on, and how many tensors TF.js holds. */
    status: () => ({ active: stopCurrent !== null, numTensors: runtime?.numTensors() ?? 0 }),
  };
}

export type PoseSession = ReturnType<typeof createPoseSession>;
