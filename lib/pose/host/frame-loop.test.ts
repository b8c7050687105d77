import { describe, expect, it } from 'vitest';
import { startFrameLoop } from './frame-loop';
import { createCaptureClock, createLatestFrame, type FrameLike } from './frame-source';

function camera() {
  let push: (f: FrameLike) => void = () => {};
  let end: () => void = () => {};
  const readable = new ReadableStream<FrameLike>({
    start(c) {
      push = (f) => c.enqueue(f);
      end = () => c.close();
    },
  });
  const closed: number[] = [];
  const frame = (timestamp: number): FrameLike => ({ timestamp, displayWidth: 4, displayHeight: 4, close: () => closed.push(timestamp) });
  return { readable, send: (t: number) => push(frame(t)), end: () => end(), closed };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('startFrameLoop', () => {
  it('takes the newest frame as soon as the model is free, drops (and closes) the ones that came meanwhile', async () => {
    const cam = camera();
    const started: number[] = [];
    let finish: () => void = () => {};
    const stats: { processed: number; dropped: number }[] = [];
    const loop = startFrameLoop(
      createLatestFrame(cam.readable),
      (f) => {
        started.push(f.timestamp);
        return new Promise<void>((r) => (finish = r));
      },
      (s) => stats.push(s),
    );
    cam.send(100); // starts at once
    await tick();
    cam.send(133); // busy: waits…
    cam.send(166); // …and replaces 133, which is closed unused
    await tick();
    expect(cam.closed).toEqual([133]);
    finish();
    await tick();
    expect(started).toEqual([100, 166]); // straight on to the newest, no frame callback awaited
    finish();
    cam.end();
    await loop.done;
    expect(cam.closed).toEqual([133, 100, 166]);
    expect(stats.at(-1)).toMatchObject({ processed: 2, dropped: 1 });
  });

  it('stops when asked, closing the frame that was waiting', async () => {
    const cam = camera();
    const loop = startFrameLoop(createLatestFrame(cam.readable), () => new Promise<void>(() => {}), () => {});
    cam.send(1);
    await tick();
    cam.send(2);
    await tick();
    loop.stop();
    expect(cam.closed).toEqual([2]);
  });
});

describe('createCaptureClock', () => {
  it('learns the monotonic-to-epoch offset from the promptest arrival', () => {
    let now = 5_000;
    const clock = createCaptureClock(() => now);
    clock.arrived(1_000_000); // arrived 4000 ms "after" 1000 ms: offset at most 4000
    now = 5_100;
    clock.arrived(1_099_000); // arrived 4001 after: the bound stays 4000
    expect(clock.toEpochMs(1_099_000)).toBe(5_099);
  });
});
