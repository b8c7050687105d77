import { describe, expect, it } from 'vitest';
import type { FrameLike } from '../host/frame-source';
import { createSyncedPreview } from './synced-preview';

function camera() {
  let push: (f: FrameLike) => void = () => {};
  const readable = new ReadableStream<FrameLike>({ start: (c) => void (push = (f) => c.enqueue(f)) });
  const closed: number[] = [];
  return { readable, closed, send: (t: number) => push({ timestamp: t, displayWidth: 2, displayHeight: 2, close: () => closed.push(t) }) };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createSyncedPreview', () => {
  it('shows the camera live until keypoints come, then each skeleton over the very frame it was found in', async () => {
    const cam = camera();
    let t = 0;
    const drawn: Array<[number, unknown]> = [];
    const preview = createSyncedPreview(cam.readable, (f, poses) => drawn.push([f.timestamp, poses]), () => t);
    cam.send(1_000);
    await tick();
    expect(drawn).toEqual([[1_000, null]]); // no keypoints yet: live
    cam.send(34_000);
    cam.send(67_000);
    await tick();
    expect(preview.show(34_000, ['pose of 34'])).toBe(0);
    expect(drawn.at(-1)).toEqual([34_000, ['pose of 34']]); // not the newer 67 000 frame
    expect(cam.closed).toEqual([1_000]); // older frames let go; the shown one kept until a newer is shown
    const count = drawn.length;
    cam.send(100_000);
    await tick();
    expect(drawn).toHaveLength(count); // while keypoints flow, frames wait for theirs instead of being drawn live
    expect(preview.show(67_000, ['pose of 67'])).toBe(0);
    expect(cam.closed).toEqual([1_000, 34_000]);
    expect(preview.show(99_000, ['pose of a frame this capture skipped'])).toBe(1); // the nearest frame, and how far off
    expect(drawn.at(-1)).toEqual([100_000, ['pose of a frame this capture skipped']]);
    preview.close();
    expect(cam.closed).toEqual([1_000, 34_000, 67_000, 100_000]);
  });

  it('keeps only a few frames, so the camera’s frame pool never runs dry', async () => {
    const cam = camera();
    const preview = createSyncedPreview(cam.readable, () => {});
    for (let i = 0; i < 12; i++) cam.send(i);
    await tick();
    expect(cam.closed).toEqual([0, 1, 2, 3, 4, 5, 6]);
    preview.close();
  });
});
