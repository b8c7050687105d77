import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PoseBackendName, PoseBackendReport, PoseHostMessage, PoseKeypoint, PoseModelName } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { POSE_PORT } from '../../messaging/port';
import { POSE_FRAMES_CHANNEL } from '../host/worker-messages';
import { POSE_BACKEND_NAMES, POSE_MODELS } from '../../messaging/protocol-values';
import { drawPoses } from './draw';
import { createSmoother } from '../skeleton';
import { describeCameraError, type CameraProblem } from '../camera-error';
import { CoachPanel } from './CoachPanel';
import { createPoseFeed } from './pose-feed';
import { readCameraFrames } from '../camera-frames';
import { createSyncedPreview } from './synced-preview';

const DEFAULT_MIN_SCORE = 0.3;
// Records: a pose model or backend added to protocol-values.ts without a label here does not compile.
const MODEL_LABELS: Record<PoseModelName, string> = { lightning: 'Lightning (fast)', thunder: 'Thunder (accurate)', multipose: 'MultiPose (several people)' };
const BACKEND_LABELS: Record<PoseBackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };

/**
 * The overlay's inside: an extension page (so the camera permission is Hearth's, not the site's) that shows its own
 * camera preview and draws the keypoints the offscreen host sends. Frames never travel: only keypoints do, with the
 * timestamp of their frame, and the preview shows that very frame under them (lib/pose/view/synced-preview.ts).
 */
export function PoseView({ onClose, authorized }: { onClose(): void; authorized: Promise<void> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [model, setModel] = useState<PoseModelName>(POSE_MODELS[0]);
  const [backend, setBackend] = useState<PoseBackendName | 'auto'>('auto');
  const [mirror, setMirror] = useState(true);
  const [smoothing, setSmoothing] = useState(true);
  const [minScore, setMinScore] = useState(DEFAULT_MIN_SCORE);
  const minScoreNow = useRef(minScore);
  minScoreNow.current = minScore;
  const [status, setStatus] = useState('Starting…');
  const [report, setReport] = useState<PoseBackendReport | null>(null);
  const [figures, setFigures] = useState({ fps: 0, latencyMs: 0, dropped: 0, frames: 0 });
  const [error, setError] = useState<CameraProblem | null>(null);
  const [live, setLive] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  const smooth = useMemo(() => createSmoother(0.5), [model]);
  const smoothingOn = useRef(smoothing);
  const coachFeed = useMemo(createPoseFeed, []);
  smoothingOn.current = smoothing;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let port: chrome.runtime.Port | null = null;
    let preview: ReturnType<typeof createSyncedPreview<VideoFrame>> | null = null;
    let channel: BroadcastChannel | null = null;
    let cancelled = false;
    let frames = 0;
    setError(null);
    setFigures({ fps: 0, latencyMs: 0, dropped: 0, frames: 0 });
    setStatus('Starting the camera…');
    (async () => {
      try {
        await authorized; // a view framed by some other page never gets here (lib/pose/view/view-grant.ts)
      } catch (e) {
        setRefused((e as Error).message);
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      } catch (e) {
        setError(describeCameraError(e));
        return;
      }
      if (cancelled) return stream.getTracks().forEach((t) => t.stop());
      const c = canvas.current!;
      const ctx = c.getContext('2d')!;
      // Until the host says the camera's size, the view's own capture gives it.
      const settings = stream.getVideoTracks()[0]!.getSettings();
      [c.width, c.height] = [settings.width ?? 640, settings.height ?? 480];
      preview = createSyncedPreview<VideoFrame>(readCameraFrames(stream.getVideoTracks()[0]!), (frame, poses) =>
        drawPoses(ctx, (poses ?? []) as PoseKeypoint[][], minScoreNow.current, frame),
      );
      setLive(true);
      await sendCommand(browser.runtime as never, 'background', 'host.ensure', undefined);
      port = browser.runtime.connect({ name: POSE_PORT }) as unknown as chrome.runtime.Port;
      let hostReady = false; // this overlay's session is running: the channel's keypoints are for it
      let lastCapturedAt = 0;
      // Keypoints come twice: straight from the host's model worker (POSE_FRAMES_CHANNEL, no stop on the host page's
      // busy thread nor in the browser process) and over the port; whichever comes first is drawn, the other ignored.
      const showPoses = (m: Extract<PoseHostMessage, { type: 'poses' }>) => {
        const c = canvas.current;
        if (!c || !preview || m.capturedAt <= lastCapturedAt) return;
        lastCapturedAt = m.capturedAt;
        const poses: PoseKeypoint[][] = smoothingOn.current ? smooth(m.poses) : m.poses;
        coachFeed.emit(poses[0], m.capturedAt);
        // Drawn at once, picture and skeleton together (no animation frame to wait for: the canvas shows on the next).
        const previewLagMs = preview.show(m.frameTimestamp, poses);
        const latencyMs = performance.timeOrigin + performance.now() - m.capturedAt;
        c.dataset.frames = String(++frames); // for tests and the demo: frames really drawn
        // For the bench (bench/parts/pose.ts): what the user saw, frame by frame.
        c.dispatchEvent(new CustomEvent('hearth-pose-drawn', { detail: { latencyMs, previewLagMs, poses: m.poses, inferenceMs: m.inferenceMs, frame: m.frame } }));
        setFigures({ fps: m.fps, dropped: m.dropped, frames, latencyMs });
      };
      channel = new BroadcastChannel(POSE_FRAMES_CHANNEL);
      channel.onmessage = (e: MessageEvent<PoseHostMessage>) => {
        if (e.data?.type === 'poses' && hostReady) showPoses(e.data);
      };
      let hostSaid = false; // the host sent its own error (then it may close the port)
      port.onMessage.addListener((m: PoseHostMessage) => {
        if (m.type === 'starting') setStatus(m.step);
        else if (m.type === 'ready') {
          hostReady = true;
          setReport(m.backend);
          setStatus('');
          const c = canvas.current!;
          c.width = m.width;
          c.height = m.height;
        } else if (m.type === 'error') {
          hostSaid = true;
          setError({ message: m.error.message, needsPermission: m.error.code === 'camera-permission' });
        }
        else if (m.type === 'poses') showPoses(m);
      });
      port.onDisconnect.addListener(() => {
        // The host went away (closed, crashed, extension reloaded): say so rather than freeze on the last pose.
        if (cancelled || hostSaid) return;
        stream?.getTracks().forEach((t) => t.stop());
        setLive(false);
        setError({ message: 'Pose tracking stopped unexpectedly. Try again to restart it.', needsPermission: false });
      });
      port.postMessage({ type: 'start', settings: { model, backend } });
    })().catch((e: Error) => setError({ message: e.message, needsPermission: false }));
    return () => {
      cancelled = true;
      setLive(false);
      port?.disconnect(); // the host releases its camera when no overlay is left
      preview?.close();
      channel?.close();
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [model, backend, attempt]);

  return (
    <div class="pose">
      <div class={`stage ${mirror ? 'mirror' : ''}`}>
        <canvas ref={canvas} data-testid="skeleton" />
        {live && <span class="live" title="The camera is on" data-testid="camera-on">● camera on</span>}
      </div>
      <div class="readout" aria-live="polite">
        {refused ? (
          <span class="error" role="alert" data-testid="pose-refused">{refused}</span>
        ) : error ? (
          <span class="problem">
            <span class="error" role="alert">{error.message}</span>
            {error.needsPermission && (
              <button type="button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/camera.html') })}>Allow the camera</button>
            )}
            <button type="button" onClick={() => setAttempt((a) => a + 1)}>Try again</button>
          </span>
        ) : status || figures.frames === 0 ? (
          <span>{status || 'Waiting for the first pose…'}</span>
        ) : (
          <span data-testid="pose-readout" title={report?.reason}>
            {figures.fps} FPS · {report?.backend} · {Math.round(figures.latencyMs)} ms behind the camera
          </span>
        )}
      </div>
      <div class="controls">
        <label><input type="checkbox" checked={mirror} onChange={(e) => setMirror(e.currentTarget.checked)} /> Mirror</label>
        <label><input type="checkbox" checked={smoothing} onChange={(e) => setSmoothing(e.currentTarget.checked)} /> Smooth</label>
        <label title="Points the model is less sure of than this are not drawn">
          Hide unsure points <input type="range" min={0} max={0.9} step={0.05} value={minScore} onInput={(e) => setMinScore(Number(e.currentTarget.value))} />
        </label>
        <select aria-label="Model" value={model} onChange={(e) => setModel(e.currentTarget.value as PoseModelName)}>
          {POSE_MODELS.map((m) => <option key={m} value={m}>{MODEL_LABELS[m]}</option>)}
        </select>
        <select aria-label="Backend" value={backend} title={report?.reason} onChange={(e) => setBackend(e.currentTarget.value as PoseBackendName | 'auto')}>
          <option value="auto">Fastest here</option>
          {POSE_BACKEND_NAMES.map((b) => <option key={b} value={b}>{BACKEND_LABELS[b]}</option>)}
        </select>
        <button type="button" onClick={onClose}>Turn off</button>
      </div>
      <CoachPanel feed={coachFeed} />
    </div>
  );
}
