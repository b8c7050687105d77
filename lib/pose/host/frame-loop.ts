import type { FrameLike, LatestFrame } from './frame-source';

export interface FrameLoopStats {
  processed: number;
  dropped: number;
  fps: number;
}

/**
 * Run `process` on camera frames back to back: as soon as one frame is done, the newest one waiting is taken (see
 * createLatestFrame), without waiting for a video frame callback or a timer. Each frame is closed after use.
 */
export function startFrameLoop<F extends FrameLike>(
  frames: LatestFrame<F>,
  process: (frame: F) => Promise<void>,
  onStats: (s: FrameLoopStats) => void,
): { stop(): void; done: Promise<void> } {
  let running = true;
  let processed = 0;
  const recent: number[] = [];
  const done = (async () => {
    while (running) {
      const frame = await frames.next();
      if (!frame) break;
      try {
        if (!running) break;
        await process(frame);
      } finally {
        frame.close();
      }
      processed++;
      const now = performance.now();
      recent.push(now);
      while (recent.length > 0 && recent[0]! < now - 1000) recent.shift();
      onStats({ processed, dropped: frames.dropped(), fps: recent.length });
    }
  })();
  return {
    stop() {
      running = false;
      frames.close();
    },
    done,
  };
}
