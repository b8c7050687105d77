import { median, type PointsByName } from './angles';
import type { Side } from './body';

/**
 * Where the camera's lens is, as the user's rest pose shows it. Close up, an arm swinging toward the lens rises in
 * the picture without rising (perspective) by an amount that depends on how far below the shoulders the lens is and
 * how near: knowing both, the rise can be undone (`armAngleFromElbow`).
 */
export interface Lens {
  /**
   * The shoulders' height above the lens over their distance from it (the tangent of the angle the lens looks up at
   * them): 0.47 for shoulders 0.7 m above a lens 1.5 m away, negative for a lens above the shoulders.
   */
  above: number;
  /** The shoulders' distance from the lens, in torso lengths (a 0.5 m torso 1.5 m away: 3). */
  distance: number;
}

/**
 * A webcam's vertical field of view when nothing better is known (laptop and monitor webcams: about 45–60°): turns
 * the torso's share of the picture into a distance. An error of 10 % in it moves the distance by about 10 %, which
 * moves an arm's corrected angle by a few degrees (`armAngleFromElbow`).
 */
export const VERTICAL_FOV_DEG = 55;
/** Readings kept (at rest) and needed before the lens is trusted: about 2 s of rest at 15 frames a second. */
const READINGS = 60;
const SURE_AFTER = 8;
/** Turned less than this from the camera (sine of the angle), the shoulders are too close in depth to read the lens. */
const MIN_TURN = 0.5;

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * One frame's reading of `above`, turned away from the camera so that one side (`near`) is nearer the lens. The two
 * shoulders are at one height, so the nearer looks higher in the picture when the lens is below them (lower when
 * above), by `above` times their separation in depth: that separation is the shoulders' width facing the camera
 * (`frontWidth` torso lengths) times the sine of the turn, whose cosine the horizontal gap between them shows.
 */
export function readAbove(points: PointsByName, near: Side, torso: number, frontWidth: number, distance: number): number | null {
  const n = points.get(`${near}_shoulder`);
  const f = points.get(`${near === 'left' ? 'right' : 'left'}_shoulder`);
  if (!n || !f || !(torso > 0) || !(distance > 0)) return null;
  const width = frontWidth * torso;
  const sin = turnOf(points, width);
  if (sin === null || sin < MIN_TURN) return null;
  // `torso` is the near side's, which looks bigger than the body's middle by the near half of that depth.
  const nearer = 1 - (frontWidth * sin) / (2 * distance);
  return (f.y - n.y) / (width * sin * nearer);
}

/**
 * How far the body is turned from the camera (the sine of the turn, 0 facing it, 1 side-on): the cosine is the
 * shoulders' gap across the picture over their width facing the camera (`width`, pixels). Null without both shoulders.
 */
export function turnOf(points: PointsByName, width: number): number | null {
  const l = points.get('left_shoulder');
  const r = points.get('right_shoulder');
  if (!l || !r || !(width > 0)) return null;
  const cos = Math.min(1, Math.abs(l.x - r.x) / width);
  return Math.sqrt(1 - cos * cos);
}

/** The shoulders' distance in torso lengths, from the torso's length in pixels and the picture's height. */
export function readDistance(torso: number, frameHeight: number, fovDeg = VERTICAL_FOV_DEG): number | null {
  const focal = frameHeight / 2 / Math.tan((fovDeg * Math.PI) / 360);
  return torso > 0 ? focal / torso : null;
}

/** A stored lens, checked (storage is not trusted to hold what was written). */
export function normalizeLens(raw: unknown): Lens | null {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ok = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isFinite(x) && x > lo && x < hi;
  return ok(r.above, -3, 3) && ok(r.distance, 0.5, 50) ? { above: r.above, distance: r.distance } : null;
}

/** Learns the lens from frames at rest: the median of recent readings, starting from one kept earlier (if any). */
export function learnLens(kept: Lens | null = null) {
  let above: number[] = [];
  let distance: number[] = [];
  let stored = kept;
  return {
    observe(a: number | null, d: number | null) {
      if (a !== null && Number.isFinite(a)) above = [...above.slice(1 - READINGS), a];
      if (d !== null && Number.isFinite(d)) distance = [...distance.slice(1 - READINGS), d];
    },
    /** This session's lens once sure, else the one kept for this camera, else null. */
    current(): Lens | null {
      if (above.length >= SURE_AFTER && distance.length >= SURE_AFTER) return { above: round(median(above)), distance: round(median(distance)) };
      return stored;
    },
    adopt(lens: Lens | null) {
      stored = lens;
    },
    forget() {
      [above, distance, stored] = [[], [], null];
    },
  };
}

/**
 * Where the elbow of an arm raised by `angle` (radians from hanging, in the plane across the body) shows above the
 * shoulder, in upper-arm lengths as the hanging arm shows them. The arm on the lens's side swings toward it by
 * `turn` (the sine of the body's turn from the camera) of its sideways reach; `arm` is the upper arm's length over
 * the shoulders' distance from the lens. The same holds for the wrist with the whole (straight) arm's length.
 */
export function elbowRise(angle: number, lens: Lens, arm: number, turn: number): number {
  const toward = 1 - arm * Math.sin(angle) * turn;
  return ((lens.above - arm * Math.cos(angle)) / toward - lens.above) / arm;
}

/**
 * The arm's angle from hanging (radians) that shows the elbow `rise` upper-arm lengths above the shoulder, for the
 * arm on the lens's side: `elbowRise` undone. Rising past some angle (straight up for a distant lens, about 145° for
 * a lens 1.5 m away and well below the shoulders) the elbow sinks again in the picture; any rise beyond the highest
 * reads as that angle.
 */
export function armAngleFromElbow(rise: number, lens: Lens, arm: number, turn: number): number {
  const steps = 90;
  let top = 0;
  for (let i = 1; i <= steps; i++) if (elbowRise((i * Math.PI) / steps, lens, arm, turn) > elbowRise((top * Math.PI) / steps, lens, arm, turn)) top = i;
  let [lo, hi] = [0, (top * Math.PI) / steps];
  if (rise >= elbowRise(hi, lens, arm, turn)) return hi;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (elbowRise(mid, lens, arm, turn) < rise) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A torso (hips' middle to shoulders' middle) of an adult of average height, to say the distance in metres. */
const TORSO_M = 0.5;

/**
 * What the coach tells the user about where it thinks the camera is: "camera below your shoulders, about 1.5 m away".
 * Rough by nature (an average torso, a typical field of view), so said in half metres.
 */
export function describeLens(lens: Lens): string {
  const metres = Math.max(0.5, Math.round(lens.distance * TORSO_M * 2) / 2);
  const where = Math.abs(lens.above) < 0.1 ? 'level with your shoulders' : lens.above > 0 ? 'below your shoulders' : 'above your shoulders';
  return `camera ${where}, about ${metres} m away`;
}

/**
 * The least angle (radians) an arm straight up can read as (`armAngleFromElbow`): past its highest the elbow sinks
 * back in the picture, and straight up it shows where a lower arm on the way up does. For a close lens well below
 * the shoulders that is about 110°; a reading near it cannot be told from an arm straight up.
 */
export function straightUpReadsAs(lens: Lens, arm: number, turn: number): number {
  return armAngleFromElbow(elbowRise(Math.PI, lens, arm, turn), lens, arm, turn);
}
