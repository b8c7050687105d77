import { describe, expect, it, vi } from 'vitest';
import type { PoseHostMessage, PoseSettings } from '../../messaging/protocol';
import { createPoseSession } from './pose-session';

function setup({ camera = async () => {}, model = async () => {} } = {}) {
  const track = { stopped: false, stop() { this.stopped = true; } };
  const stopped: string[] = [];
  const starts: PoseSettings[] = [];
  const session = createPoseSession({
    getUserMedia: async () => {
      await camera();
      return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
    },
    readFrames: () => new ReadableStream(),
    model: {
      start: async (settings, _frames, emit) => {
        starts.push(settings);
        await model();
        emit({ type: 'ready', backend: { backend: 'wasm', reason: 'fastest', timingsMs: {}, skipped: {} }, model: settings.model, width: 576, height: 576 });
        return () => void stopped.push(settings.model);
      },
      numTensors: async () => 7,
    },
  });
  return { session, track, stopped, starts };
}

function first(session: ReturnType<typeof setup>['session']) {
  return new Promise<{ message: PoseHostMessage; leave: () => void }>((resolve) => {
    // A joining overlay hears 'ready' before subscribe returns: leave is looked up when called.
    let leave: () => void = () => {};
    leave = session.subscribe({ model: 'lightning', backend: 'auto' }, (m) => {
      if (m.type === 'ready' || m.type === 'error') resolve({ message: m, leave: () => leave() });
    });
  });
}

describe('createPoseSession', () => {
  it('shares one camera and model between overlays, and releases both when the last one leaves', async () => {
    const s = setup();
    const a = await first(s.session);
    expect(a.message).toMatchObject({ type: 'ready', width: 576 });
    const b = await first(s.session); // joins: no second start
    expect(s.starts).toHaveLength(1);
    expect(await s.session.status()).toEqual({ active: true, numTensors: 7 });
    a.leave();
    expect(s.track.stopped).toBe(false);
    b.leave();
    expect(s.track.stopped).toBe(true);
    expect(s.stopped).toEqual(['lightning']);
    expect((await s.session.status()).active).toBe(false);
  });

  it('turns a refused camera into a permission error the overlay can act on', async () => {
    const s = setup({ camera: async () => Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' })) });
    const { message } = await first(s.session);
    expect(message).toMatchObject({ type: 'error', error: { code: 'camera-permission' } });
    expect((await s.session.status()).active).toBe(false);
  });

  it('releases the camera when the model fails to start', async () => {
    const s = setup({ model: async () => Promise.reject(new Error('no backend')) });
    const { message } = await first(s.session);
    expect(message).toMatchObject({ type: 'error' });
    expect(s.track.stopped).toBe(true);
  });

  it('releases the camera when the only overlay leaves while the camera and model are still starting', async () => {
    let cameraOpens: () => void = () => {};
    const s = setup({ camera: () => new Promise<void>((r) => (cameraOpens = r)) });
    const leave = s.session.subscribe({ model: 'lightning', backend: 'wasm' }, () => {});
    await new Promise((r) => setTimeout(r, 0));
    leave(); // the overlay is gone before the camera even opened
    cameraOpens();
    await vi.waitFor(() => expect(s.track.stopped).toBe(true));
    expect(s.stopped).toEqual(['lightning']);
    expect((await s.session.status()).active).toBe(false);
  });
});
