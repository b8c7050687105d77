import { describe, expect, it, vi } from 'vitest';
import type { PoseBackendName, PoseHostMessage } from '../../messaging/protocol';
import type { DeviceProbe, PoseEngine } from '../engine';
import { createLatestFrame, type FrameLike } from './frame-source';
import { runPoseModel } from './model-run';

const noGpu: DeviceProbe = { webgpu: { available: false, fallback: false }, webgl: { available: true, renderer: 'SwiftShader' } };

function setup({ failing = [] as PoseBackendName[], memory = new Map<string, string>() } = {}) {
  const disposed: PoseBackendName[] = [];
  const seen: unknown[] = [];
  let active: PoseBackendName = 'cpu';
  const engine: PoseEngine = {
    probeDevice: async () => noGpu,
    useBackend: vi.fn(async (b: PoseBackendName) => void (active = b)),
    createDetector: async () => {
      const on = active;
      return {
        estimate: async (input) => {
          seen.push(input);
          if (failing.includes(on)) throw new Error(`${on} broke`);
          return [[{ name: 'nose', x: 10, y: 20, score: 0.9 }]]; // in the model input's pixels
        },
        dispose: () => void disposed.push(on),
      };
    },
    numTensors: () => 0,
  };
  let push: (f: FrameLike) => void = () => {};
  const frames = createLatestFrame(new ReadableStream<FrameLike>({ start: (c) => void (push = (f) => c.enqueue(f)) }));
  const closed: number[] = [];
  const send = (timestamp: number) => push({ timestamp, displayWidth: 576, displayHeight: 576, close: () => closed.push(timestamp) });
  const messages: PoseHostMessage[] = [];
  const run = (backend: PoseBackendName | 'auto' = 'auto') =>
    runPoseModel(
      {
        engine,
        memory: { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v) },
        cores: 2,
        toInput: (f) => ({ image: { frame: f.timestamp } as never, scale: 0.5 }), // the model sees a half-size picture
        capturedAt: (f) => 1_000 + f.timestamp / 1000,
      },
      { model: 'lightning', backend },
      frames,
      (m) => messages.push(m),
    );
  return { engine, disposed, memory, send, messages, closed, seen, run };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('runPoseModel', () => {
  it('times the real backends once on the first camera frame, remembers the choice, then sends keypoints in camera pixels', async () => {
    const a = setup();
    a.send(5_000);
    const stop = await a.run();
    expect(a.messages.at(-1)).toMatchObject({ type: 'ready', width: 576, height: 576, backend: { backend: 'wasm' } });
    expect(a.engine.useBackend).toHaveBeenCalledWith('wasm');
    expect(a.engine.useBackend).not.toHaveBeenCalledWith('webgl'); // emulated: never timed
    expect(a.closed).toEqual([5_000]); // the timing frame is freed
    a.send(40_000);
    await vi.waitFor(() => expect(a.messages.at(-1)?.type).toBe('poses'));
    expect(a.messages.at(-1)).toMatchObject({ poses: [[{ name: 'nose', x: 20, y: 40 }]], capturedAt: 1_040, frameTimestamp: 40_000, frame: 1 });
    stop();
    await tick();
    expect(a.disposed).toEqual(['wasm', 'wasm']); // the timing detector, then the running one

    const b = setup({ memory: a.memory });
    b.send(1);
    await b.run();
    expect(b.engine.useBackend).toHaveBeenCalledTimes(1); // remembered: straight to wasm, no timing
  });

  it('falls back when the chosen backend fails, and frees the failed detector', async () => {
    const s = setup({ failing: ['webgpu'] });
    s.send(1);
    await s.run('webgpu');
    expect(s.messages.at(-1)).toMatchObject({ type: 'ready', backend: { backend: 'wasm', reason: 'webgpu failed (webgpu broke); fell back to wasm' } });
    expect(s.disposed).toEqual(['webgpu']);
  });

  it('a remembered backend that now fails is replaced by the one that worked', async () => {
    const memory = new Map([['hearth:pose-backend:lightning:2:SwiftShader:false', JSON.stringify({ backend: 'webgpu', reason: 'fastest', timingsMs: {}, skipped: {} })]]);
    const s = setup({ failing: ['webgpu'], memory });
    s.send(1);
    await s.run();
    expect(s.messages.at(-1)).toMatchObject({ type: 'ready', backend: { backend: 'wasm' } });
    expect(JSON.parse([...memory.values()][0]!)).toMatchObject({ backend: 'wasm' });
  });
});
