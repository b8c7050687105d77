// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { startFrameLoop, type FrameMeta } from './frame-loop';

describe('startFrameLoop', () => {
  it('drops frames that arrive while inference is busy, instead of queueing them', async () => {
    let callback: ((now: number, meta: FrameMeta) => void) | null = null;
    const video = { currentTime: 0, requestVideoFrameCallback: (cb: typeof callback) => ((callback = cb), 1) } as never;
    const started: number[] = [];
    let finish: () => void = () => {};
    const stats: { processed: number; dropped: number }[] = [];
    const stop = startFrameLoop(
      video,
      (at) => {
        started.push(at);
        return new Promise((r) => (finish = r));
      },
      (s) => stats.push(s),
    );
    callback!(0, { captureTime: 100 }); // starts inference
    callback!(33, { captureTime: 133 }); // busy: dropped
    callback!(66, { captureTime: 166 }); // busy: dropped
    finish();
    await new Promise((r) => setTimeout(r, 0));
    callback!(99, { captureTime: 199 }); // processed: the newest frame, not the ones dropped
    finish();
    await new Promise((r) => setTimeout(r, 0));
    stop();
    expect(started).toEqual([100, 199]);
    expect(stats.at(-1)).toMatchObject({ processed: 2, dropped: 2 });
  });
});
