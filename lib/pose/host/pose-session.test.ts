import { describe, expect, it, vi } from 'vitest';
import type { PoseBackendName, PoseHostMessage } from '../../messaging/protocol';
import type { DeviceProbe, PoseEngine } from '../engine';
import { createPoseSession } from './pose-session';

const noGpu: DeviceProbe = { webgpu: { available: false, fallback: false }, webgl: { available: true, renderer: 'SwiftShader' } };
const pose = [{ name: 'nose', x: 10, y: 20, score: 0.9 }];

function setup({ failing = [] as PoseBackendName[], camera = async () => ({}) as unknown, memory = new Map<string, string>() } = {}) {
  const track = { stopped: false, stop() { this.stopped = true; } };
  const disposed: PoseBackendName[] = [];
  let active: PoseBackendName = 'cpu';
  const engine: PoseEngine = {
    probeDevice: async () => noGpu,
    useBackend: vi.fn(async (b: PoseBackendName) => void (active = b)),
    createDetector: async () => {
      const on = active;
      return {
        estimate: async () => {
          if (failing.includes(on)) throw new Error(`${on} broke`);
          return [pose];
        },
        dispose: () => void disposed.push(on),
      };
    },
    numTensors: () => 0,
  };
  const video = { play: async () => {}, videoWidth: 576, videoHeight: 576, currentTime: 0, requestVideoFrameCallback: () => 1 } as unknown as HTMLVideoElement;
  const session = createPoseSession({
    loadEngine: async () => engine,
    getUserMedia: async () => {
      await camera();
      return { getTracks: () => [track] } as unknown as MediaStream;
    },
    createVideo: () => video,
    memory: { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v) },
    cores: 2,
  });
  return { session, engine, track, disposed, memory };
}

function first(session: ReturnType<typeof setup>['session'], backend: PoseBackendName | 'auto' = 'auto') {
  return new Promise<{ message: PoseHostMessage; leave: () => void }>((resolve) => {
    const leave = session.subscribe({ model: 'lightning', backend }, (m) => {
      if (m.type === 'ready' || m.type === 'error') resolve({ message: m, leave });
    });
  });
}

describe('createPoseSession', () => {
  it('times the real backends once, remembers the choice for this device, and releases the camera when the last overlay leaves', async () => {
    const a = setup();
    const { message, leave } = await first(a.session);
    expect(message).toMatchObject({ type: 'ready', width: 576, height: 576, backend: { backend: 'wasm' } });
    expect(a.engine.useBackend).toHaveBeenCalledWith('wasm');
    expect(a.engine.useBackend).not.toHaveBeenCalledWith('webgl'); // emulated: never timed
    expect(a.session.status().active).toBe(true);
    leave();
    expect(a.track.stopped).toBe(true);
    expect(a.session.status().active).toBe(false);

    const b = setup({ memory: a.memory });
    await first(b.session);
    expect(b.engine.useBackend).toHaveBeenCalledTimes(1); // remembered: straight to wasm, no timing
  });

  it('falls back when the chosen backend fails, and frees the failed detector', async () => {
    const s = setup({ failing: ['webgpu'] });
    const { message } = await first(s.session, 'webgpu');
    expect(message).toMatchObject({ type: 'ready', backend: { backend: 'wasm', reason: 'webgpu failed (webgpu broke); fell back to wasm' } });
    expect(s.disposed).toEqual(['webgpu']);
  });

  it('a remembered backend that now fails is replaced by the one that worked', async () => {
    const memory = new Map([['hearth:pose-backend:lightning:2:SwiftShader:false', JSON.stringify({ backend: 'webgpu', reason: 'fastest', timingsMs: {}, skipped: {} })]]);
    const s = setup({ failing: ['webgpu'], memory });
    const { message } = await first(s.session);
    expect(message).toMatchObject({ type: 'ready', backend: { backend: 'wasm' } });
    expect(JSON.parse([...memory.values()][0]!)).toMatchObject({ backend: 'wasm' });
  });

  it('turns a refused camera into a permission error the overlay can act on', async () => {
    const s = setup({ camera: async () => Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' })) });
    const { message } = await first(s.session);
    expect(message).toMatchObject({ type: 'error', error: { code: 'camera-permission' } });
    expect(s.session.status().active).toBe(false);
  });

  it('releases the camera when the only overlay leaves while the camera and model are still starting', async () => {
    let cameraOpens: () => void = () => {};
    const a = setup({ camera: () => new Promise<void>((r) => (cameraOpens = r)) });
    const leave = a.session.subscribe({ model: 'lightning', backend: 'wasm' }, () => {});
    await new Promise((r) => setTimeout(r, 0));
    leave(); // the overlay is gone before the camera even opened
    cameraOpens();
    await vi.waitFor(() => expect(a.track.stopped).toBe(true));
    expect(a.session.status().active).toBe(false);
    expect(a.disposed).toEqual(['wasm']);
  });
});
