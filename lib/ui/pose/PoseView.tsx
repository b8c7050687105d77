import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PoseBackendName, PoseBackendReport, PoseHostMessage, PoseKeypoint, PoseModelName } from '../../messaging/protocol';
import { sendCommand } from '../../messaging/commands';
import { drawPoses } from '../../pose/draw';
import { createSmoother } from '../../pose/skeleton';

const MIN_SCORE = 0.3;

/**
 * The overlay's inside: an extension page (so the camera permission is Hearth's, not the site's) that shows its own
 * camera preview and draws the keypoints the offscreen host sends. Frames never travel: only keypoints do.
 */
export function PoseView({ onClose }: { onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [model, setModel] = useState<PoseModelName>('lightning');
  const [backend, setBackend] = useState<PoseBackendName | 'auto'>('auto');
  const [mirror, setMirror] = useState(true);
  const [smoothing, setSmoothing] = useState(true);
  const [status, setStatus] = useState('Starting…');
  const [report, setReport] = useState<PoseBackendReport | null>(null);
  const [figures, setFigures] = useState({ fps: 0, latencyMs: 0, dropped: 0 });
  const [error, setError] = useState<string | null>(null);
  const smooth = useMemo(() => createSmoother(0.5), [model]);
  const smoothingOn = useRef(smoothing);
  smoothingOn.current = smoothing;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let port: chrome.runtime.Port | null = null;
    let cancelled = false;
    setError(null);
    setStatus('Starting the camera…');
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      } catch (e) {
        setError((e as Error).name === 'NotAllowedError' ? 'Camera access is blocked for Hearth. Allow it and reopen the overlay.' : (e as Error).name === 'NotFoundError' ? 'No camera was found.' : `The camera could not start: ${(e as Error).message}`);
        return;
      }
      if (cancelled) return stream.getTracks().forEach((t) => t.stop());
      video.current!.srcObject = stream;
      await sendCommand(browser.runtime as never, 'background', 'host.ensure', undefined);
      port = browser.runtime.connect({ name: 'hearth:pose' }) as unknown as chrome.runtime.Port;
      port.onMessage.addListener((m: PoseHostMessage) => {
        if (m.type === 'starting') setStatus(m.step);
        else if (m.type === 'ready') {
          setReport(m.backend);
          setStatus('');
          const c = canvas.current!;
          c.width = m.width;
          c.height = m.height;
        } else if (m.type === 'error') setError(m.error.message);
        else if (m.type === 'poses') {
          const ctx = canvas.current?.getContext('2d');
          if (!ctx) return;
          const poses: PoseKeypoint[][] = smoothingOn.current ? smooth(m.poses) : m.poses;
          requestAnimationFrame(() => {
            drawPoses(ctx, poses, MIN_SCORE);
            setFigures({ fps: m.fps, dropped: m.dropped, latencyMs: performance.timeOrigin + performance.now() - m.capturedAt });
          });
        }
      });
      port.postMessage({ type: 'start', settings: { model, backend } });
    })().catch((e: Error) => setError(e.message));
    return () => {
      cancelled = true;
      port?.disconnect(); // the host releases its camera when no overlay is left
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [model, backend]);

  return (
    <div class="pose">
      <div class={`stage ${mirror ? 'mirror' : ''}`}>
        <video ref={video} autoPlay muted playsInline />
        <canvas ref={canvas} data-testid="skeleton" />
        <span class="live" title="The camera is on">● camera on</span>
      </div>
      <div class="readout" aria-live="polite">
        {error ? (
          <span class="error" role="alert">{error}</span>
        ) : status ? (
          <span>{status}</span>
        ) : (
          <span data-testid="pose-readout">
            {figures.fps} FPS · {report?.backend} · {Math.round(figures.latencyMs)} ms behind the camera
          </span>
        )}
      </div>
      <div class="controls">
        <label><input type="checkbox" checked={mirror} onChange={(e) => setMirror(e.currentTarget.checked)} /> Mirror</label>
        <label><input type="checkbox" checked={smoothing} onChange={(e) => setSmoothing(e.currentTarget.checked)} /> Smooth</label>
        <select aria-label="Model" value={model} onChange={(e) => setModel(e.currentTarget.value as PoseModelName)}>
          <option value="lightning">Lightning (fast)</option>
          <option value="thunder">Thunder (accurate)</option>
          <option value="multipose">MultiPose (several people)</option>
        </select>
        <select aria-label="Backend" value={backend} title={report?.reason} onChange={(e) => setBackend(e.currentTarget.value as PoseBackendName | 'auto')}>
          <option value="auto">Fastest here</option>
          <option value="wasm">WebAssembly</option>
          <option value="webgl">WebGL</option>
          <option value="webgpu">WebGPU</option>
          <option value="cpu">CPU</option>
        </select>
        <button type="button" onClick={onClose}>Turn off</button>
      </div>
    </div>
  );
}
