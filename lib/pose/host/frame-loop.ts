/** The metadata Chrome gives a video frame callback (the parts used here). */
export interface FrameMeta {
  captureTime?: number;
  expectedDisplayTime?: number;
}

export interface FrameLoopStats {
  processed: number;
  dropped: number;
  fps: number;
}

/**
 * Run `process` on camera frames without ever queueing them: a frame that arrives while the previous one is still
 * being processed is dropped (counted), so latency stays bounded by one inference. Frames come from the video's
 * frame callbacks; where those do not fire (a hidden document may throttle them), a timer takes over and always
 * reads the newest frame.
 */
export function startFrameLoop(
  video: HTMLVideoElement & { requestVideoFrameCallback?(cb: (now: number, meta: FrameMeta) => void): number },
  process: (capturedAtPerfMs: number) => Promise<void>,
  onStats: (s: FrameLoopStats) => void,
): () => void {
  let running = true;
  let busy = false;
  let processed = 0;
  let dropped = 0;
  let lastCallbackAt = performance.now();
  const recent: number[] = [];
  let lastVideoTime = -1;

  async function handle(capturedAt: number) {
    if (busy) {
      dropped++;
      return;
    }
    busy = true;
    try {
      await process(capturedAt);
      processed++;
      const now = performance.now();
      recent.push(now);
      while (recent.length > 0 && recent[0]! < now - 1000) recent.shift();
      onStats({ processed, dropped, fps: recent.length });
    } finally {
      busy = false;
    }
  }

  const onFrame = (now: number, meta: FrameMeta) => {
    if (!running) return;
    lastCallbackAt = performance.now();
    video.requestVideoFrameCallback?.(onFrame);
    void handle(meta.captureTime ?? meta.expectedDisplayTime ?? now);
  };
  video.requestVideoFrameCallback?.(onFrame);

  // Fallback when frame callbacks are throttled: poll for a new frame, never two at once.
  const timer = setInterval(() => {
    if (!running || busy || performance.now() - lastCallbackAt < 250) return;
    if (video.currentTime === lastVideoTime) return;
    lastVideoTime = video.currentTime;
    void handle(performance.now());
  }, 5);

  return () => {
    running = false;
    clearInterval(timer);
  };
}
