import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PoseBackendReport, PoseHostMessage, PoseKeypoint } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { POSE_PORT } from '../../messaging/port';
import { POSE_MODELS } from '../../messaging/protocol-values';
import { drawPoses } from './draw';
import { createSmoother } from '../skeleton';
import { CAMERA_BLOCKED, describeCameraError, type CameraProblem } from '../camera-error';
import { CameraBlocked } from './CameraBlocked';
import { PoseSettings, type PoseSettingsValue } from './PoseSettings';
import { POSE_FRAMES_CHANNEL } from '../thread-messages';
import { CoachPanel } from './CoachPanel';
import { createPoseFeed } from './pose-feed';
import { readCameraFrames } from '../camera-frames';
import { createSyncedPreview } from './synced-preview';
import { watchVisible } from './watch-visible';

const DEFAULT_MIN_SCORE = 0.3;

/** A problem of the camera itself (the view shows only the explanation), or of the model host (the picture stays). */
type Problem = (CameraProblem & { camera: true }) | { camera: false; message: string };

/** Why the camera is off though the view is still there (the page had not removed the overlay yet, or hid it). */
type Off = 'user' | 'hidden';

/**
 * The overlay's inside: an extension page (so the camera permission is Hearth's, not the site's) that shows its own
 * camera preview and draws the keypoints the offscreen host sends. Frames never travel: only keypoints do, with the
 * timestamp of their frame, and the preview shows that very frame under them (lib/pose/view/synced-preview.ts).
 * Turning off (Turn off, ×, Esc: all inside this page, out of the host page's reach) stops the camera here first,
 * then `onClose` asks Hearth to remove the overlay; a view the page hides stops its camera too.
 */
export function PoseView({ onClose, authorized }: { onClose(): void; authorized: Promise<void> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [settings, setSettings] = useState<PoseSettingsValue>({ model: POSE_MODELS[0], backend: 'auto', mirror: true, smoothing: true, minScore: DEFAULT_MIN_SCORE });
  const { model, backend } = settings;
  const minScoreNow = useRef(settings.minScore);
  minScoreNow.current = settings.minScore;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [status, setStatus] = useState('Starting…');
  const [report, setReport] = useState<PoseBackendReport | null>(null);
  const [figures, setFigures] = useState({ fps: 0, latencyMs: 0, dropped: 0, frames: 0 });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [live, setLive] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  const smooth = useMemo(() => createSmoother(0.5), [model]);
  const smoothingOn = useRef(settings.smoothing);
  smoothingOn.current = settings.smoothing;
  const coachFeed = useMemo(createPoseFeed, []);
  const [off, setOff] = useState<Off | null>(null);
  const turnOff = (why: Off = 'user') => {
    setOff(why);
    if (why === 'user') onClose();
  };

  // Esc closes the overlay while the keyboard is in it (the overlay script focuses it when it opens). Esc pressed
  // in the page itself stays the page's.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && turnOff();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // While the camera is on, the view must be where the user sees it: hidden by the page, the camera goes off.
  useEffect(() => (live && !off && window.parent !== window ? watchVisible(window, document.body, () => turnOff('hidden')) : undefined), [live, off]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let port: chrome.runtime.Port | null = null;
    let preview: ReturnType<typeof createSyncedPreview<VideoFrame>> | null = null;
    let channel: BroadcastChannel | null = null;
    let cancelled = false;
    let frames = 0;
    if (off) return; // turned off: the cleanup of the run before stopped the camera and left the host's session
    setProblem(null);
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
        setProblem({ ...describeCameraError(e), camera: true });
        return;
      }
      if (cancelled) return stream.getTracks().forEach((t) => t.stop());
      const c = canvas.current!;
      const ctx = c.getContext('2d')!;
      // Until the host says the camera's size, the view's own capture gives it.
      const camera = stream.getVideoTracks()[0]!.getSettings();
      [c.width, c.height] = [camera.width ?? 640, camera.height ?? 480];
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
          const needsPermission = m.error.code === 'camera-permission';
          if (needsPermission || m.error.code === 'camera') {
            stream?.getTracks().forEach((t) => t.stop());
            setLive(false);
            setProblem({ title: needsPermission ? CAMERA_BLOCKED : 'Camera did not start', message: m.error.message, needsPermission, camera: true });
          } else setProblem({ message: m.error.message, camera: false });
        } else if (m.type === 'poses') showPoses(m);
      });
      port.onDisconnect.addListener(() => {
        // The host went away (closed, crashed, extension reloaded): say so rather than freeze on the last pose.
        if (cancelled || hostSaid) return;
        stream?.getTracks().forEach((t) => t.stop());
        setLive(false);
        setProblem({ message: 'Pose tracking stopped unexpectedly. Try again to restart it.', camera: false }); // main's wording (ux-look)
      });
      port.postMessage({ type: 'start', settings: { model, backend } });
    })().catch((e: Error) => setProblem({ message: e.message, camera: false }));
    return () => {
      cancelled = true;
      setLive(false);
      port?.disconnect(); // the host releases its camera when no overlay is left
      preview?.close();
      channel?.close();
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [model, backend, attempt, off]);

  const retry = () => setAttempt((a) => a + 1);
  const allow = () => void browser.tabs.create({ url: browser.runtime.getURL('/camera.html') });
  const blocked: CameraProblem | null = refused
    ? { title: 'Camera stays off', message: refused, needsPermission: false }
    : problem?.camera ? problem : null;
  const starting = !blocked && !problem && (status !== '' || figures.frames === 0);

  if (off) {
    return (
      <div class="pose" data-state="off">
        <p class="off" role="status" data-testid="pose-off">
          {off === 'hidden' ? 'The overlay was hidden by the page, so Hearth turned the camera off.' : 'The camera is off.'}
        </p>
        <button type="button" class="btn" onClick={() => turnOff()}>Close</button>
      </div>
    );
  }

  return (
    <div class="pose" data-state={blocked ? 'blocked' : starting ? 'starting' : 'live'}>
      {blocked && <CameraBlocked problem={blocked} refused={!!refused} onAllow={allow} onRetry={retry} onClose={() => turnOff()} />}
      <div class={`stage ${settings.mirror ? 'mirror' : ''}`} hidden={!!blocked}>
        <canvas ref={canvas} data-testid="skeleton" />
        {live && <span class="live" title="The camera is on" data-testid="camera-on">Camera on</span>}
        {starting && <span class="spinner" aria-hidden="true" />}
        <button type="button" class="close" aria-label="Turn the pose overlay off" title="Turn off (Esc)" onClick={() => turnOff()}>×</button>
      </div>
      {!blocked && (
        <>
          {problem && (
            <div class="notice">
              <span role="alert">{problem.message}</span>
              <button type="button" class="btn primary" onClick={retry}>Try again</button>
            </div>
          )}
          <div class="footer">
            <span class="readout" aria-live="polite">
              {problem ? null : starting ? (
                <span class="muted">{status || 'Waiting for the first pose…'}</span>
              ) : (
                <span data-testid="pose-readout" title={report?.reason}>
                  {figures.fps} FPS · {report?.backend} · {Math.round(figures.latencyMs)} ms behind the camera
                </span>
              )}
            </span>
            <button type="button" class="btn" aria-expanded={settingsOpen} aria-controls="pose-settings" onClick={() => setSettingsOpen((o) => !o)}>
              Settings
            </button>
            <button type="button" class="btn" onClick={() => turnOff()}>Turn off</button>
          </div>
          {settingsOpen && <PoseSettings id="pose-settings" value={settings} report={report} onChange={(next) => setSettings((s) => ({ ...s, ...next }))} />}
          <CoachPanel feed={coachFeed} />
        </>
      )}
    </div>
  );
}
