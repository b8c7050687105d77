import type { FrameLike } from '../host/frame-source';

/**
 * Frames kept while their keypoints are on the way. Keypoints come ~1–2 frames after capture; a camera lends its
 * frames from a small pool, so holding many would starve the capture.
 */
const KEEP = 5;
/**
 * Without keypoints for this long (model loading, a stalled host), the preview shows the camera live. Long, because
 * drawing every camera frame costs the CPU the model needs on a slow machine.
 */
const LIVE_AFTER_MS = 2000;

export interface PreviewDraw<F extends FrameLike> {
  /** Put this frame on screen, with these keypoints over it (none: the camera alone). */
  (frame: F, poses: unknown[] | null): void;
}

/**
 * The overlay's preview, drawn from the very frames the model saw: the view reads its own capture of the camera
 * (frames of one camera carry the same capture timestamps in every capture, to within tens of µs) and, when the
 * keypoints of frame T arrive, shows
 * frame T with them. The skeleton therefore never trails the picture; the picture waits for its skeleton (one
 * inference) instead. Returns how far apart in capture time the shown picture and the keypoints drawn on it are
 * (0 when frame T was still here).
 */
export function createSyncedPreview<F extends FrameLike>(frames: ReadableStream<F>, draw: PreviewDraw<F>, now = () => performance.now()) {
  const kept: F[] = [];
  let lastPosesAt = -Infinity;
  let closed = false;
  const reader = frames.getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (closed) {
          value.close();
          break;
        }
        kept.push(value);
        while (kept.length > KEEP) kept.shift()!.close();
        if (now() - lastPosesAt > LIVE_AFTER_MS) draw(value, null);
      }
    } catch {
      // The camera stopped: nothing more to show.
    }
  })();
  return {
    /** Draw the keypoints of the frame with `timestamp` (µs) over that frame; returns the picture's lead, ms. */
    show(timestamp: number | undefined, poses: unknown[]): number | null {
      lastPosesAt = now();
      if (kept.length === 0) return null;
      // The frame itself; else (the view's own capture skipped it while its thread was busy, or let it go already)
      // the nearest one kept; without a timestamp (an older host), the newest.
      let i = kept.length - 1;
      if (timestamp !== undefined) {
        for (let j = 0; j < kept.length; j++) if (Math.abs(kept[j]!.timestamp - timestamp) < Math.abs(kept[i]!.timestamp - timestamp)) i = j;
      }
      const shown = kept[i]!;
      draw(shown, poses);
      // Frames older than the one shown will never be needed.
      kept.splice(0, i).forEach((f) => f.close());
      return timestamp === undefined ? null : Math.abs(shown.timestamp - timestamp) / 1000;
    },
    close() {
      closed = true;
      kept.splice(0).forEach((f) => f.close());
      void reader.cancel().catch(() => {});
    },
  };
}
