import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PoseBackendReport } from '../../messaging/protocol';
import { POSE_MODELS } from '../../messaging/protocol-values';
import { createSmoother } from '../skeleton';
import type { CameraProblem } from '../camera-error';
import { CameraBlocked } from './CameraBlocked';
import { PoseSettings, type PoseSettingsValue } from './PoseSettings';
import { CoachPanel } from './CoachPanel';
import { createPoseFeed, type PoseFeed } from './pose-feed';
import { startOverlaySession, type Figures, type Problem } from './overlay-session';
import { watchVisible } from './watch-visible';

const DEFAULT_MIN_SCORE = 0.3;

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
  const [settingsOpen, setSettingsOpen] = useState(false);
  const coachFeed = useMemo(createPoseFeed, []);
  const [off, setOff] = useState<Off | null>(null);
  const turnOff = (why: Off = 'user') => {
    setOff(why);
    if (why === 'user') onClose();
  };
  const session = useOverlaySession(canvas, authorized, settings, coachFeed, off !== null);
  useEscapeToClose(turnOff);
  // While the camera is on, the view must be where the user sees it: hidden by the page, the camera goes off.
  useEffect(() => (session.live && !off && window.parent !== window ? watchVisible(window, document.body, () => turnOff('hidden')) : undefined), [session.live, off]);

  const { problem, refused, retry } = session;
  const allow = () => void browser.tabs.create({ url: browser.runtime.getURL('/camera.html') });
  const blocked: CameraProblem | null = refused
    ? { title: 'Camera stays off', message: refused, needsPermission: false }
    : problem?.camera ? problem : null;
  const starting = !blocked && !problem && (session.status !== '' || session.figures.frames === 0);

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
        {session.live && <span class="live" title="The camera is on" data-testid="camera-on">Camera on</span>}
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
            <Readout session={session} starting={starting} />
            <button type="button" class="btn" aria-expanded={settingsOpen} aria-controls="pose-settings" onClick={() => setSettingsOpen((o) => !o)}>
              Settings
            </button>
            <button type="button" class="btn" onClick={() => turnOff()}>Turn off</button>
          </div>
          {settingsOpen && <PoseSettings id="pose-settings" value={settings} report={session.report} onChange={(next) => setSettings((s) => ({ ...s, ...next }))} />}
          <CoachPanel feed={coachFeed} cameraId={session.cameraId} frameHeight={session.frameHeight} />
        </>
      )}
    </div>
  );
}

/** How it goes: the host's current step, then frames per second, the backend and how far behind the camera. */
function Readout({ session: { problem, status, report, figures }, starting }: { session: OverlaySession; starting: boolean }) {
  return (
    <span class="readout" aria-live="polite">
      {problem ? null : starting ? (
        <span class="muted">{status || 'Waiting for the first pose…'}</span>
      ) : (
        <span data-testid="pose-readout" title={report?.reason}>
          {figures.fps} FPS · {report?.backend} · {Math.round(figures.latencyMs)} ms behind the camera
        </span>
      )}
    </span>
  );
}

type OverlaySession = ReturnType<typeof useOverlaySession>;

/**
 * The overlay session (lib/pose/view/overlay-session.ts) as view state: started again when the model, the backend
 * or `retry` asks; the score threshold and smoothing are read at each frame, so changing them restarts nothing.
 * Turned `off`, the last run's cleanup stops the camera and leaves the host's session, and none starts.
 */
function useOverlaySession(canvas: RefObject<HTMLCanvasElement | null>, authorized: Promise<void>, settings: PoseSettingsValue, coachFeed: PoseFeed, off: boolean) {
  const { model, backend } = settings;
  const [status, setStatus] = useState('Starting…');
  const [report, setReport] = useState<PoseBackendReport | null>(null);
  const [figures, setFigures] = useState<Figures>({ fps: 0, latencyMs: 0, dropped: 0, frames: 0 });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [live, setLive] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  const [cameraId, setCameraId] = useState<string | null>(null);
  const [frameHeight, setFrameHeight] = useState<number | null>(null);
  const smooth = useMemo(() => createSmoother(0.5), [model]);
  const now = useRef(settings);
  now.current = settings;

  useEffect(() => {
    if (off) return;
    setProblem(null);
    setFigures({ fps: 0, latencyMs: 0, dropped: 0, frames: 0 });
    setStatus('Starting the camera…');
    return startOverlaySession(
      {
        canvas: () => canvas.current,
        authorized,
        settings: { model, backend },
        minScore: () => now.current.minScore,
        adjust: (poses) => (now.current.smoothing ? smooth(poses) : poses),
        emit: (pose, at) => coachFeed.emit(pose, at),
      },
      {
        refused: setRefused,
        problem: setProblem,
        live: setLive,
        status: setStatus,
        ready: (r) => {
          setReport(r);
          setStatus('');
        },
        figures: setFigures,
        camera: setCameraId,
        size: (_width, height) => setFrameHeight(height),
      },
    );
  }, [model, backend, attempt, off]);

  return { status, report, figures, problem, live, refused, cameraId, frameHeight, retry: () => setAttempt((a) => a + 1) };
}

/**
 * Esc closes the overlay while the keyboard is in it (the overlay script focuses it when it opens). Esc pressed in the
 * page itself stays the page's.
 */
function useEscapeToClose(close: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);
}
