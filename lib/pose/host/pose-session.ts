import type { PoseHostMessage, PoseSettings } from '../../messaging/protocol';
import { CameraError, CameraPermissionError, toWireError } from '../../messaging/errors';
import { describeCameraError } from '../camera-error';
import type { FrameLike } from './frame-source';

export interface PoseSessionDeps {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** The camera track's frames as a stream (a MediaStreamTrackProcessor's readable), handed to the model's thread. */
  readFrames(track: MediaStreamTrack): ReadableStream<FrameLike>;
  /** Runs the model on those frames off this page's thread (lib/pose/host/thread-link.ts). */
  model: {
    start(settings: PoseSettings, frames: ReadableStream<FrameLike>, emit: (m: PoseHostMessage) => void): Promise<() => void>;
    numTensors(): Promise<number | null>;
  };
}

type Listener = (m: PoseHostMessage) => void;

function cameraError(err: unknown): CameraError | CameraPermissionError {
  const problem = describeCameraError(err);
  return problem.needsPermission ? new CameraPermissionError(problem.message) : new CameraError(problem.message);
}

/**
 * The camera and the model in the offscreen host, shared by every open overlay. The camera is released as soon as
 * the last overlay goes away (closed, navigated, tab closed).
 */
export function createPoseSession(deps: PoseSessionDeps) {
  const listeners = new Set<Listener>();
  let stopCurrent: (() => void) | null = null;
  let starting: Promise<void> | null = null;
  let current: { settings: PoseSettings; ready: PoseHostMessage } | null = null;
  const emit = (m: PoseHostMessage) => listeners.forEach((l) => l(m));

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
      const [track] = stream.getVideoTracks();
      if (!track) throw new CameraError('The camera gave no video.');
      const stopModel = await deps.model.start(settings, deps.readFrames(track), (m) => {
        if (m.type === 'ready') current = { settings, ready: m };
        emit(m);
      });
      stopCurrent = () => {
        stopModel();
        release();
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
    status: async () => ({ active: stopCurrent !== null, numTensors: await deps.model.numTensors() }),
  };
}

export type PoseSession = ReturnType<typeof createPoseSession>;
