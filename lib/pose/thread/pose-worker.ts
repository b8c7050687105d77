import { toWireError } from '../../messaging/errors';
import type { PoseEngine } from '../engine';
import { createCaptureClock, createLatestFrame } from '../host/frame-source';
import { createModelInput, modelInputPx, type Context2dLike } from '../host/model-input';
import { runPoseModel } from '../host/model-run';
import { createTfPoseEngine } from '../host/tf-runtime';
import { POSE_FRAMES_CHANNEL, type FromPoseWorker, type ToPoseWorker } from '../thread-messages';

// The pose model's own thread, started by the offscreen host (lib/pose/host/thread-link.ts). The host page shares
// its renderer's main thread with every other Hearth page, the overlay view included: inference there (tens of ms at a
// time) held up the view's drawing of the previous result. Here it blocks nothing. Camera frames come in as a stream
// (the camera track's MediaStreamTrackProcessor, transferred once); only keypoints go out. The worker itself is
// started only when the overlay first starts, so TF.js loads only then.

const post = (m: FromPoseWorker) => postMessage(m);
const views = new BroadcastChannel(POSE_FRAMES_CHANNEL);
let engine: Promise<PoseEngine> | null = null;
let stop: (() => void) | null = null;

async function start(m: Extract<ToPoseWorker, { type: 'start' }>) {
  stop?.();
  stop = null;
  const emit = (message: Parameters<Parameters<typeof runPoseModel>[3]>[0]) => {
    if (message.type === 'poses') views.postMessage(message);
    post({ type: 'host', message });
  };
  const clock = createCaptureClock();
  const frames = createLatestFrame(m.frames, (f) => clock.arrived(f.timestamp));
  try {
    engine ??= Promise.resolve(
      createTfPoseEngine({
        gpu: (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu,
        packagedUrl: (path) => `${self.location.origin}${path}`,
        createCanvas: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement,
      }),
    );
    const remembered = new Map(Object.entries(m.remembered));
    const toInput = createModelInput(modelInputPx(m.settings.model), () => new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true }) as unknown as Context2dLike);
    stop = await runPoseModel(
      {
        engine: await engine,
        memory: { get: (k) => remembered.get(k) ?? null, set: (key, value) => (remembered.set(key, value), post({ type: 'remember', key, value })) },
        cores: m.cores,
        toInput,
        capturedAt: (f) => clock.toEpochMs(f.timestamp),
      },
      m.settings,
      frames,
      emit,
    );
  } catch (err) {
    frames.close();
    emit({ type: 'error', error: toWireError(err) });
  }
}

(self as unknown as { onmessage: (e: MessageEvent<ToPoseWorker>) => void }).onmessage = (e) => {
  const m = e.data;
  if (m.type === 'start') void start(m);
  else if (m.type === 'stop') {
    stop?.();
    stop = null;
  } else if (m.type === 'status') {
    // Answered even when the engine failed to start (it then holds no tensors).
    const answer = (numTensors: number) => post({ type: 'status', id: m.id, numTensors });
    void (engine ?? Promise.resolve(null)).then((rt) => answer(rt?.numTensors() ?? 0), () => answer(0));
  }
};
