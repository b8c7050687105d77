import type { PoseBackendReport, PoseHostMessage, PoseKeypoint, PoseSettings } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { POSE_PORT } from '../../messaging/port';
import { drawPoses } from './draw';
import { CAMERA_BLOCKED, describeCameraError, type CameraProblem } from '../camera-error';
import { POSE_FRAMES_CHANNEL } from '../thread-messages';
import { readCameraFrames } from '../camera-frames';
import { createSyncedPreview } from './synced-preview';

/** A problem of the camera itself (the view shows only the explanation), or of the model host (the picture stays). */
export type Problem = (CameraProblem & { camera: true }) | { camera: false; message: string };

export interface Figures {
  fps: number;
  latencyMs: number;
  dropped: number;
  frames: number;
}

export interface OverlaySessionOptions {
  canvas(): HTMLCanvasElement | null;
  /** Resolves when this view may use the camera (lib/pose/view/view-grant.ts), rejects when it may not. */
  authorized: Promise<void>;
  settings: Pick<PoseSettings, 'model' | 'backend'>;
  /** Read at each frame: the settings can change while the session runs. */
  minScore(): number;
  /** Smoothing, when it is on (also read at each frame). */
  adjust(poses: PoseKeypoint[][]): PoseKeypoint[][];
  /** The coach's feed of the first pose. */
  emit(pose: PoseKeypoint[] | undefined, capturedAt: number): void;
}

/** What the session tells the view. */
export interface OverlaySessionEvents {
  refused(message: string): void;
  problem(p: Problem): void;
  live(on: boolean): void;
  status(step: string): void;
  ready(report: PoseBackendReport): void;
  figures(f: Figures): void;
  /** The size of the picture the keypoints are in (the model host's camera frames). */
  size(width: number, height: number): void;
  /** The camera this view opened (its deviceId, stable for this extension): the coach keeps its calibration per camera. */
  camera(deviceId: string): void;
}

/**
 * One run of the overlay: the camera, its preview on the canvas, and the model host's keypoints drawn over the very
 * frame they came from. Returns the stop function (the host releases its camera when no overlay is left).
 */
export function startOverlaySession(o: OverlaySessionOptions, on: OverlaySessionEvents): () => void {
  let stream: MediaStream | null = null;
  let port: chrome.runtime.Port | null = null;
  let preview: ReturnType<typeof createSyncedPreview<VideoFrame>> | null = null;
  let channel: BroadcastChannel | null = null;
  let cancelled = false;
  const stopCamera = () => stream?.getTracks().forEach((t) => t.stop());

  async function run() {
    try {
      await o.authorized; // a view framed by some other page never gets here (lib/pose/view/view-grant.ts)
    } catch (e) {
      on.refused((e as Error).message);
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    } catch (e) {
      on.problem({ ...describeCameraError(e), camera: true });
      return;
    }
    if (cancelled) return stopCamera();
    const deviceId = stream.getVideoTracks()[0]?.getSettings().deviceId;
    if (deviceId) on.camera(deviceId);
    preview = startPreview(stream, o);
    on.live(true);
    await sendCommand(browser.runtime as never, 'background', 'host.ensure', undefined);
    port = browser.runtime.connect({ name: POSE_PORT }) as unknown as chrome.runtime.Port;
    channel = new BroadcastChannel(POSE_FRAMES_CHANNEL);
    const showPoses = createPoseDrawer(o, preview, on.figures);
    listenToHost({ port, channel, showPoses, canvas: o.canvas, on, session: { cancelled: () => cancelled, stopCamera } });
    port.postMessage({ type: 'start', settings: o.settings });
  }

  run().catch((e: Error) => on.problem({ message: e.message, camera: false }));
  return () => {
    cancelled = true;
    on.live(false);
    port?.disconnect(); // the host releases its camera when no overlay is left
    preview?.close();
    channel?.close();
    stopCamera();
  };
}

/** The host's messages over the port, and its keypoints over the channel as well, for this session. */
function listenToHost(
  { port: p, channel: ch, showPoses, canvas, on, session }: {
    port: chrome.runtime.Port;
    channel: BroadcastChannel;
    showPoses: ReturnType<typeof createPoseDrawer>;
    canvas(): HTMLCanvasElement | null;
    on: OverlaySessionEvents;
    session: { cancelled(): boolean; stopCamera(): void };
  },
) {
  let hostReady = false; // this overlay's session is running: the channel's keypoints are for it
  let hostSaid = false; // the host sent its own error (then it may close the port)
  // Keypoints come twice: straight from the host's model worker (POSE_FRAMES_CHANNEL, no stop on the host page's
  // busy thread nor in the browser process) and over the port; whichever comes first is drawn, the other ignored.
  ch.onmessage = (e: MessageEvent<PoseHostMessage>) => {
    if (e.data?.type === 'poses' && hostReady) showPoses(e.data);
  };
  p.onMessage.addListener((m: PoseHostMessage) => {
    if (m.type === 'starting') on.status(m.step);
    else if (m.type === 'ready') {
      hostReady = true;
      on.ready(m.backend);
      const c = canvas()!;
      c.width = m.width;
      c.height = m.height;
      on.size(m.width, m.height);
    } else if (m.type === 'error') {
      hostSaid = true;
      const needsPermission = m.error.code === 'camera-permission';
      if (needsPermission || m.error.code === 'camera') {
        session.stopCamera();
        on.live(false);
        on.problem({ title: needsPermission ? CAMERA_BLOCKED : 'Camera did not start', message: m.error.message, needsPermission, camera: true });
      } else on.problem({ message: m.error.message, camera: false });
    } else if (m.type === 'poses') showPoses(m);
  });
  p.onDisconnect.addListener(() => {
    // The host went away (closed, crashed, extension reloaded): say so rather than freeze on the last pose.
    if (session.cancelled() || hostSaid) return;
    session.stopCamera();
    on.live(false);
    on.problem({ message: 'Pose tracking stopped unexpectedly. Try again to restart it.', camera: false }); // main's wording (ux-look)
  });
}

/** The camera's own frames on the canvas, each drawn with the keypoints found in it. */
function startPreview(stream: MediaStream, o: OverlaySessionOptions) {
  const c = o.canvas()!;
  const ctx = c.getContext('2d')!;
  // Until the host says the camera's size, the view's own capture gives it.
  const camera = stream.getVideoTracks()[0]!.getSettings();
  [c.width, c.height] = [camera.width ?? 640, camera.height ?? 480];
  return createSyncedPreview<VideoFrame>(readCameraFrames(stream.getVideoTracks()[0]!), (frame, poses) =>
    drawPoses(ctx, (poses ?? []) as PoseKeypoint[][], o.minScore(), frame),
  );
}

/** Draws each new set of keypoints (older or repeated ones are ignored) and reports the figures. */
function createPoseDrawer(o: OverlaySessionOptions, preview: ReturnType<typeof startPreview>, figures: (f: Figures) => void) {
  let lastCapturedAt = 0;
  let frames = 0;
  return (m: Extract<PoseHostMessage, { type: 'poses' }>) => {
    const c = o.canvas();
    if (!c || m.capturedAt <= lastCapturedAt) return;
    lastCapturedAt = m.capturedAt;
    const poses = o.adjust(m.poses);
    o.emit(poses[0], m.capturedAt);
    // Drawn at once, picture and skeleton together (no animation frame to wait for: the canvas shows on the next).
    const previewLagMs = preview.show(m.frameTimestamp, poses);
    const latencyMs = performance.timeOrigin + performance.now() - m.capturedAt;
    c.dataset.frames = String(++frames); // for tests and the demo: frames really drawn
    // For the bench (bench/parts/pose.ts): what the user saw, frame by frame.
    c.dispatchEvent(new CustomEvent('hearth-pose-drawn', { detail: { latencyMs, previewLagMs, poses: m.poses, inferenceMs: m.inferenceMs, frame: m.frame } }));
    figures({ fps: m.fps, dropped: m.dropped, frames, latencyMs });
  };
}
