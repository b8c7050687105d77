import { distance, meanOf, type Point, type PointsByName } from './angles';

/**
 * What a frame's keypoints say about the body, in pixels, before any exercise looks at it. Vertical distances and
 * lengths of vertical segments hold from every camera angle around a standing person (turning around a vertical
 * axis does not shorten them), so most of the coach's signals are built from these rather than from 2-D angles.
 */
export type Side = 'left' | 'right';
export const SIDES: readonly Side[] = ['left', 'right'];

/** The limbs whose length tells whether they point at the camera (a 2-D angle across them would then lie). */
export const LIMBS = {
  thigh: ['hip', 'knee'],
  shin: ['knee', 'ankle'],
  upperArm: ['shoulder', 'elbow'],
  forearm: ['elbow', 'wrist'],
  arm: ['shoulder', 'wrist'],
} as const;
export type Limb = keyof typeof LIMBS;

const CHAIN = ['shoulder', 'elbow', 'wrist', 'hip', 'knee', 'ankle'];
/** A side this much less sure than the other (mean score over its joints) is hidden behind the body. */
const HIDDEN_BY = 0.15;

/**
 * The sides to measure on: both, unless one is clearly less sure than the other. Turned away from the camera, a side
 * is hidden behind the body and MoveNet guesses its joints (lower scores, twice the error or worse): averaging a
 * guess with the near side's measure only adds noise.
 */
export function sidesToUse(points: PointsByName): readonly Side[] {
  const sureness = (s: Side) => CHAIN.reduce((a, j) => a + (points.get(`${s}_${j}`)?.score ?? 0), 0) / CHAIN.length;
  const [l, r] = [sureness('left'), sureness('right')];
  return l - r > HIDDEN_BY ? ['left'] : r - l > HIDDEN_BY ? ['right'] : SIDES;
}

/** The middle of a left/right pair, or the one side seen. */
export function midOf(points: PointsByName, joint: string, sides: readonly Side[] = SIDES): Point | null {
  const seen = sides.map((s) => points.get(`${s}_${joint}`)).filter((p) => p !== undefined);
  if (!seen.length) return null;
  return { x: seen.reduce((a, p) => a + p.x, 0) / seen.length, y: seen.reduce((a, p) => a + p.y, 0) / seen.length };
}

export function limbLength(points: PointsByName, side: Side, limb: Limb): number | null {
  const [a, b] = LIMBS[limb];
  const pa = points.get(`${side}_${a}`);
  const pb = points.get(`${side}_${b}`);
  return pa && pb ? distance(pa, pb) : null;
}

/** Shoulders' middle to hips' middle. */
export function torsoLength(points: PointsByName, sides: readonly Side[] = SIDES): number | null {
  const s = midOf(points, 'shoulder', sides);
  const h = midOf(points, 'hip', sides);
  return s && h ? distance(s, h) : null;
}

/** Across the shoulders: wide facing the camera, near nothing side-on. */
export function shoulderWidth(points: PointsByName): number | null {
  const l = points.get('left_shoulder');
  const r = points.get('right_shoulder');
  return l && r ? distance(l, r) : null;
}

/** How far `upper` sits above `lower` on each side (pixels, y grows downward), averaged over the sides seen. */
export function heightAbove(points: PointsByName, upper: string, lower: string, sides: readonly Side[] = SIDES): number | null {
  return meanOf(
    sides.map((s) => {
      const u = points.get(`${s}_${upper}`);
      const l = points.get(`${s}_${lower}`);
      return u && l ? l.y - u.y : null;
    }),
  );
}

/**
 * Whether one side of the body shows all the named joints, among the sides measured on. One side, not a bit of each:
 * side-on, the far side's joints are the model's guesses, and a wrist that left the picture on the near side is not
 * made up for by them.
 */
export const seesAll = (points: PointsByName, joints: readonly string[], sides: readonly Side[] = SIDES) =>
  sides.some((s) => joints.every((j) => points.has(`${s}_${j}`)));
