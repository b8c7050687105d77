/** A keypoint as any pose model reports it (MoveNet, BlazePose, …): a name, camera pixels and a confidence. */
export interface NamedKeypoint {
  name: string;
  x: number;
  y: number;
  score?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A keypoint the model is sure enough of, with how sure it is (0–1). */
export interface SeenPoint extends Point {
  score: number;
}

/** Keypoints by name, leaving out the ones the model is unsure of (they would bend angles at random). */
export type PointsByName = ReadonlyMap<string, SeenPoint>;

export function indexKeypoints(keypoints: readonly NamedKeypoint[], minScore: number): PointsByName {
  const out = new Map<string, SeenPoint>();
  for (const k of keypoints) {
    const score = k.score ?? 1;
    if (score < minScore || !Number.isFinite(k.x) || !Number.isFinite(k.y)) continue;
    out.set(k.name, { x: k.x, y: k.y, score });
  }
  return out;
}

/** The angle at `b` between the rays to `a` and `c`, in degrees (0–180); null when a ray has no length. */
export function angleAt(a: Point, b: Point, c: Point): number | null {
  const ux = a.x - b.x;
  const uy = a.y - b.y;
  const vx = c.x - b.x;
  const vy = c.y - b.y;
  const lu = Math.hypot(ux, uy);
  const lv = Math.hypot(vx, vy);
  if (lu === 0 || lv === 0) return null;
  // atan2 of cross and dot stays accurate near 0° and 180°, where acos of the dot product loses precision.
  return (Math.abs(Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)) * 180) / Math.PI;
}

export const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * How far the line from `left` to `right` leans from level, in degrees (-90…90, positive when `right` is lower in
 * image coordinates, where y grows downward). Which end is which does not matter for the size of the lean.
 */
export function tiltDegrees(left: Point, right: Point): number {
  let deg = (Math.atan2(right.y - left.y, right.x - left.x) * 180) / Math.PI;
  if (deg > 90) deg -= 180;
  if (deg < -90) deg += 180;
  return deg;
}

/** `left_knee` → `right_knee`: exercises name one side and are measured on both. */
export const mirrorName = (name: string) =>
  name.startsWith('left_') ? `right_${name.slice(5)}` : name.startsWith('right_') ? `left_${name.slice(6)}` : name;

/** The middle value (the upper of the two middle ones for an even count) of a non-empty list. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The mean of the values that could be measured, or null when none could. */
export function meanOf(values: ReadonlyArray<number | null>): number | null {
  const seen = values.filter((v): v is number => v !== null);
  return seen.length ? seen.reduce((a, b) => a + b, 0) / seen.length : null;
}
