import { median, type PointsByName } from './angles';
import { LIMBS, shoulderWidth, SIDES, type Limb, type Side } from './body';
import { learnLens, normalizeLens, readAbove, readDistance, turnOf, type Lens } from './lens';
import { FRONT_WIDTH } from './measures';
import type { Reference } from './reference';

/**
 * The user's standing pose as proportions (over the torso's length, so it holds at any distance): how wide the
 * shoulders look when facing the camera, and how long each limb is. Kept between sessions per camera
 * (lib/pose/view/calibration-store.ts) so that a new session knows from its first frame which view it sees and
 * which limbs point at the camera, before the user has stood still in front of it.
 */
export interface Standing {
  /** Shoulder width over torso length when facing the camera; null if the user was never seen facing it. */
  frontWidth: number | null;
  limbs: Partial<Record<Limb, number>>;
  /** Where the lens is (lib/pose/coach/lens.ts), once the user stood turned from it; absent or null until then. */
  lens?: Lens | null;
}

/** Facing the camera, no adult's shoulders look narrower than this for their torso; anything less was turned. */
const MIN_FRONT_WIDTH = 0.55;
const MAX_FRONT_WIDTH = 0.95;
/** Frames of the standing pose before it is trusted enough to keep. */
const SURE_AFTER = 30;

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Learns the standing pose while the user stands between reps, starting from one kept earlier (if any). */
export function learnStanding(stored: Standing | null | undefined) {
  let facing: number[] = [];
  let widest = 0;
  let seen = 0;
  let kept = stored ?? null;
  const lens = learnLens(kept?.lens ?? null);
  let turns: number[] = [];
  let nearSide: Side | null = null;

  return {
    /** A frame at rest (the counter is not mid-rep). */
    observe(points: PointsByName, ref: Reference) {
      const torso = ref.max('torso');
      const width = shoulderWidth(points);
      if (!torso || width === null) return;
      seen++;
      facing = [...facing.slice(-4), width / torso];
      // The median of the last five: one frame's wide shoulders (a keypoint off) is not the user facing the camera.
      if (facing.length === 5) widest = Math.max(widest, median(facing));
    },
    /**
     * A frame at rest, for the lens: `sides` are the sides measured on (one when the user is turned from the camera:
     * the near one), `frameHeight` the picture's (the distance comes from it).
     */
    observeLens(points: PointsByName, sides: readonly Side[], torso: number | null, frameHeight: number) {
      if (!torso) return;
      const distance = readDistance(torso, frameHeight);
      const near = sides.length === 1 ? sides[0]! : null;
      const turn = turnOf(points, this.frontWidth() * torso);
      if (near && turn !== null) [nearSide, turns] = [near, [...turns.slice(-59), turn]];
      lens.observe(near && distance ? readAbove(points, near, torso, this.frontWidth(), distance) : null, near ? distance : null);
    },
    /** The lens, the side nearer it and how far the user is turned from it (sine), once known. */
    lens(): { lens: Lens; near: Side | null; turn: number } | null {
      const l = lens.current();
      if (!l) return null;
      const turn = turns.length ? median(turns) : 1;
      return { lens: l, near: nearSide, turn };
    },
    frontWidth(): number {
      if (widest >= MIN_FRONT_WIDTH && widest <= MAX_FRONT_WIDTH) return widest;
      return kept?.frontWidth ?? FRONT_WIDTH;
    },
    /** The least a limb can measure (pixels) when it lies across the picture, from the kept proportions. */
    atLeast(limb: Limb, torso: number | null): number | null {
      const ratio = kept?.limbs[limb];
      return ratio && torso ? ratio * torso * 0.95 : null;
    },
    /** What was learned this session, merged over what was kept; null until enough frames were seen. */
    current(ref: Reference): Standing | null {
      const torso = ref.max('torso');
      if (seen < SURE_AFTER || !torso) return null;
      const limbs: Partial<Record<Limb, number>> = { ...kept?.limbs };
      for (const limb of Object.keys(LIMBS) as Limb[]) {
        const lengths = SIDES.map((s) => ref.max(`${s}_${limb}`)).filter((x): x is number => x !== null);
        if (lengths.length) limbs[limb] = round(Math.min(...lengths) / torso);
      }
      const width = widest >= MIN_FRONT_WIDTH && widest <= MAX_FRONT_WIDTH ? round(widest) : (kept?.frontWidth ?? null);
      return { frontWidth: width, limbs, lens: lens.current() };
    },
    /** A standing pose kept from an earlier session with this camera. */
    adopt(standing: Standing | null) {
      kept = standing;
      lens.adopt(standing?.lens ?? null);
    },
    forget() {
      lens.forget();
      [turns, nearSide] = [[], null];
      facing = [];
      widest = 0;
      seen = 0;
      kept = null;
    },
  };
}

/** A stored standing pose, checked (storage is not trusted to hold what was written). */
export function normalizeStanding(raw: unknown): Standing | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { frontWidth?: unknown; limbs?: unknown; lens?: unknown };
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 5;
  const frontWidth = ok(r.frontWidth) && r.frontWidth >= MIN_FRONT_WIDTH && r.frontWidth <= MAX_FRONT_WIDTH ? r.frontWidth : null;
  const limbs: Partial<Record<Limb, number>> = {};
  const given = typeof r.limbs === 'object' && r.limbs !== null ? (r.limbs as Record<string, unknown>) : {};
  for (const limb of Object.keys(LIMBS) as Limb[]) if (ok(given[limb])) limbs[limb] = given[limb];
  return { frontWidth, limbs, lens: normalizeLens(r.lens) };
}
