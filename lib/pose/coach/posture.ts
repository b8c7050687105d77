import { distance, indexKeypoints, median, tiltDegrees, type NamedKeypoint, type PointsByName } from './angles';

/** What posture is judged on, from a camera in front of the user. */
export interface PostureSample {
  /** Shoulder line's lean from level, in degrees. */
  tilt: number;
  /**
   * How high the head sits above the shoulder line, in shoulder widths. Leaning the head forward (toward the
   * screen) or sinking into the chair lowers it.
   */
  head: number;
}

export interface PostureOptions {
  /** Slouching this long (ms) raises one alert. */
  holdMs: number;
  /** Upright (or unseen) this long ends a slouch; shorter dips back do not restart the hold. */
  graceMs?: number;
  /** Shoulder tilt, in degrees beyond the calibrated one, that counts as slouching. */
  maxTiltChange?: number;
  /** Fraction of the calibrated head height the head may lose before it counts as slouching. */
  maxHeadDrop?: number;
  minScore?: number;
}

export type PostureStatus = 'uncalibrated' | 'unseen' | 'upright' | 'slouching';

export interface PostureState {
  status: PostureStatus;
  sample: PostureSample | null;
  /** How long the current slouch has lasted (0 when upright). */
  slouchMs: number;
  /** Why this frame counts as slouching. */
  reasons: string[];
  /** True on the one frame where a slouch has lasted `holdMs`: send one notification. */
  alert: boolean;
}

export class CalibrationError extends Error {
  override name = 'CalibrationError';
}

/** The posture measures, or null when the shoulders or the head are not seen well enough. */
export function samplePosture(points: PointsByName): PostureSample | null {
  const ls = points.get('left_shoulder');
  const rs = points.get('right_shoulder');
  const eyes = [points.get('left_eye'), points.get('right_eye')].filter((p) => p !== undefined);
  const head = points.get('nose') ?? (eyes.length === 2 ? { x: (eyes[0]!.x + eyes[1]!.x) / 2, y: (eyes[0]!.y + eyes[1]!.y) / 2 } : undefined);
  if (!ls || !rs || !head) return null;
  const width = distance(ls, rs);
  if (width === 0) return null;
  return { tilt: tiltDegrees(ls, rs), head: ((ls.y + rs.y) / 2 - head.y) / width };
}

/**
 * Watches for slouching against the user's own upright pose: "Calibrate" takes the median of the last frames (one
 * frame is too noisy), then a slouch held for `holdMs` raises one alert, and no other until the user sits up again.
 */
export function createPostureWatch({ holdMs: initialHoldMs, graceMs = 1500, maxTiltChange = 8, maxHeadDrop = 0.2, minScore = 0.3 }: PostureOptions) {
  let holdMs = initialHoldMs;
  let baseline: PostureSample | null = null;
  let recent: PostureSample[] = [];
  let slouchSince: number | null = null;
  let lastSlouchAt = 0;
  let alerted = false;

  const judge = (s: PostureSample, base: PostureSample): string[] => [
    ...(Math.abs(s.tilt - base.tilt) > maxTiltChange ? ['shoulders tilted'] : []),
    ...(s.head < base.head * (1 - maxHeadDrop) ? ['head forward'] : []),
  ];

  return {
    calibrate(): PostureSample {
      if (recent.length < 3) throw new CalibrationError('Hearth cannot see your head and shoulders well enough to calibrate: sit in view and try again.');
      baseline = { tilt: median(recent.map((s) => s.tilt)), head: median(recent.map((s) => s.head)) };
      slouchSince = null;
      alerted = false;
      return baseline;
    },
    /** An upright pose kept from an earlier session with this camera: the watch judges from its first frame. */
    useBaseline(sample: PostureSample) {
      baseline = sample;
      slouchSince = null;
      alerted = false;
    },
    /** The user changed the hold: keep the calibration and the slouch in progress. */
    setHoldMs(ms: number) {
      holdMs = ms;
    },
    get baseline() {
      return baseline;
    },
    update(keypoints: readonly NamedKeypoint[], t: number): PostureState {
      const sample = samplePosture(indexKeypoints(keypoints, minScore));
      if (sample) recent = [...recent.slice(-9), sample];
      if (!baseline) return { status: 'uncalibrated', sample, slouchMs: 0, reasons: [], alert: false };
      const reasons = sample ? judge(sample, baseline) : [];
      if (reasons.length) {
        slouchSince ??= t;
        lastSlouchAt = t;
      } else if (slouchSince !== null && t - lastSlouchAt > graceMs) {
        slouchSince = null;
        alerted = false;
      }
      const slouchMs = slouchSince === null ? 0 : t - slouchSince;
      // Only while still slouched: a user who has just sat up (the grace is running) needs no reminder.
      const alert = reasons.length > 0 && !alerted && slouchMs >= holdMs;
      if (alert) alerted = true;
      const status: PostureStatus = !sample ? 'unseen' : slouchSince !== null ? 'slouching' : 'upright';
      return { status, sample, slouchMs, reasons, alert };
    },
  };
}

export type PostureWatch = ReturnType<typeof createPostureWatch>;
