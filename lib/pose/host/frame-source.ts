/** The parts of a WebCodecs VideoFrame the pose pipeline uses (tests hand in plain objects). */
export interface FrameLike {
  /** Capture time, µs on the browser's monotonic clock (frames of one camera share it across captures). */
  timestamp: number;
  displayWidth: number;
  displayHeight: number;
  close(): void;
}

export interface LatestFrame<F extends FrameLike> {
  /** The newest frame not yet taken (waits for one); null once the camera stream ended or `close` was called. */
  next(): Promise<F | null>;
  /** Frames replaced by a newer one before anyone took them. */
  dropped(): number;
  close(): void;
}

/**
 * Keep only the newest camera frame. Frames are read from the camera's stream as they arrive (no hidden document's
 * rendering schedule decides when), and one that arrives while the model is busy replaces the one waiting, which is
 * closed at once: the model always starts on the freshest picture, latency stays bounded by one inference, and no
 * frame buffer piles up.
 */
export function createLatestFrame<F extends FrameLike>(readable: ReadableStream<F>, onArrive: (frame: F) => void = () => {}): LatestFrame<F> {
  const reader = readable.getReader();
  let waiting: F | null = null;
  const wake: { fn: (() => void) | null } = { fn: null };
  let ended = false;
  let dropped = 0;
  const finish = () => {
    ended = true;
    waiting?.close();
    waiting = null;
    wake.fn?.();
  };
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || ended) {
          value?.close();
          break;
        }
        onArrive(value);
        if (waiting) {
          waiting.close();
          dropped++;
        }
        waiting = value;
        wake.fn?.();
      }
    } catch {
      // The track stopped or the stream was cancelled: same as its end.
    }
    finish();
  })();
  return {
    async next() {
      while (!waiting && !ended) await new Promise<void>((r) => (wake.fn = r));
      wake.fn = null;
      const frame = waiting;
      waiting = null;
      return ended ? null : frame;
    },
    dropped: () => dropped,
    close() {
      finish();
      void reader.cancel().catch(() => {});
    },
  };
}

/**
 * Camera timestamps → epoch ms. A frame's timestamp is on the browser's monotonic clock, which pages cannot read;
 * the offset is learned from arrivals instead: a frame can only arrive after it was captured, so the smallest
 * (arrival − timestamp) seen bounds the offset to within the capture-to-delivery delay (about 1 ms here, where
 * video frame callbacks report exact capture times for comparison). Latencies are thus at most that much low.
 */
export function createCaptureClock(nowEpochMs = () => performance.timeOrigin + performance.now()) {
  let offset = Infinity;
  return {
    arrived(timestampUs: number) {
      offset = Math.min(offset, nowEpochMs() - timestampUs / 1000);
    },
    toEpochMs: (timestampUs: number) => timestampUs / 1000 + (Number.isFinite(offset) ? offset : 0),
  };
}
