import { indexKeypoints, median, type NamedKeypoint, type PointsByName } from './angles';
import { seesAll, sidesToUse, torsoLength, type Limb, type Side } from './body';
import { zoneOf, type Exercise } from './exercises';
import type { Lens } from './lens';
import { facingOf, measure, observe, viewOf, type Frame, type View } from './measures';
import { createReference } from './reference';
import { learnStanding, type Standing } from './standing';

export type RepPhase = 'unknown' | 'rest' | 'active';
type Zone = 'rest' | 'active' | 'between';

export interface RepState {
  count: number;
  phase: RepPhase;
  /** What to show: the exercise's name for the phase, or a hint before the first rest pose. */
  label: string;
  /** The first signal's value this frame (e.g. the hips' drop), null when unseen. */
  value: number | null;
  /** When each counted rep ended (the clock the frames came with). */
  repTimes: readonly number[];
  /** Where the coach thinks the camera stands, from the last frames; null before it has seen the shoulders. */
  view: View | null;
  /** What keeps a rep from being judged (or judged fully) from where the camera stands; null when nothing does. */
  hint: string | null;
  /** The hint says reps cannot be judged at all now (rather than on fewer signals). */
  blocked: boolean;
  /** Where the lens is, once learned (or kept for this camera); null before. */
  lens: Lens | null;
}

export interface RepCounterOptions {
  /** Keypoints less sure than this are ignored. */
  minScore?: number;
  /** Frames in a row a new zone must hold before the phase changes: one stray frame is jitter. */
  confirmFrames?: number;
  /** The user's standing pose from an earlier session with this camera (lib/pose/coach/standing.ts). */
  standing?: Standing | null;
  /** The camera picture's height in pixels (the keypoints' frame), when known. */
  frameHeight?: number;
}

/** Frames in a row without what the exercise needs before the user is told (one lost frame is the model's). */
const HINT_AFTER = 3;
/**
 * A torso shorter than this part of the picture's height is about 3 m or more from a webcam (0.5 m of torso in a
 * 55° field of view fills 0.32 of it at 1.5 m, 0.19 at 2.5 m, 0.12 at 4 m): there, arms reaching at the lens look
 * like what they are (at 2.5 m, perspective still lifts them by a third of an arm).
 */
const FAR_TORSO = 0.16;
/** A torso longer than this part of the picture is within about 1.8 m: close up (between the two, neither is assumed). */
const CLOSE_TORSO = 0.27;
/** The view is judged on this many of the last frames. */
const VIEW_FRAMES = 9;

/**
 * Count reps of one exercise from keypoint frames. A rep is rest → active → rest; the counter starts in `unknown` and
 * only counts once it has seen the rest pose, so starting mid-movement counts no half rep. A movement that turns
 * back before the active threshold (a half rep) never leaves `rest` and counts nothing. The rest pose is the user's
 * own, learned as they move (lib/pose/coach/reference.ts), so the signals hold from any camera angle.
 */
export function createRepCounter(exercise: Exercise, { minScore = 0.3, confirmFrames = 2, standing = null, ...options }: RepCounterOptions = {}) {
  let frameHeight = options.frameHeight;
  let count = 0;
  let phase: RepPhase = 'unknown';
  let candidate: RepPhase | null = null;
  let held = 0;
  let withLens = false; // this frame's arms were read with the lens's perspective undone
  let gap = false; // a frame between two of the candidate's was let pass
  let restAt = 0; // when the current rep began (the last time the phase became rest)
  let repTimes: number[] = [];
  let value: number | null = null;
  let missing = 0; // frames in a row without what a rep needs
  let lacking = 0; // frames in a row without what makes it surer
  let hint: string | null = null;
  let facing: number[] = [];
  const ref = createReference();

  const learned = learnStanding(standing);

  // The median of the last frames: the far shoulder side-on is a guess, and one guess is not a turn.
  const viewNow = (): View | null => (facing.length ? viewOf(median(facing)) : null);

  /** Whether the camera sees what a rep needs; sets the hint either way. */
  const judgeable = (points: PointsByName, sides: readonly Side[], needs: readonly string[]): boolean => {
    if (!seesAll(points, needs, sides)) {
      missing++;
      if (missing >= HINT_AFTER) hint = points.size ? exercise.needs.hint : 'Step into view';
      return false;
    }
    missing = 0;
    lacking = exercise.wants && !seesAll(points, exercise.wants.joints, sides) ? lacking + 1 : 0;
    hint = lacking >= HINT_AFTER ? exercise.wants!.hint : lacking ? hint : null;
    return true;
  };

  /**
   * Close up, some exercises can be judged only from the views they name (arms swinging at a close lens look raised
   * from the side): elsewhere the user is told, and nothing is counted, rather than a half rep counted.
   */
  const judgeableClose = (close: boolean): boolean => {
    const view = viewNow();
    // Not knowing the view (one shoulder never seen) is not knowing it is one of them.
    if (!close || !exercise.closeUp || (view && exercise.closeUp.views.includes(view))) return true;
    [hint, missing] = [exercise.closeUp.hint, HINT_AFTER];
    return false;
  };

  /**
   * Within about 3 m and turned from the camera, the lens to judge arms by, once known; else null (close up, nothing
   * is judged there then; further, arms are read as the picture shows them).
   */
  const lensFor = (close: boolean, far: boolean, sides: readonly Side[]): Frame['lens'] => {
    const view = viewNow();
    if (far || !exercise.closeUp?.withLens || (view && exercise.closeUp.views.includes(view))) return null;
    const known = learned.lens();
    const near = sides.length === 1 ? sides[0]! : known?.near;
    return known && near ? { ...known, near, by: close ? 'elbow' : 'wrist' } : null;
  };

  const zoneNow = (keypoints: readonly NamedKeypoint[], t: number): Zone | null => {
    const points = indexKeypoints(keypoints, minScore);
    const sides = sidesToUse(points);
    observe(points, sides, ref, t, phase !== 'active');
    if (phase !== 'active' && exercise.standsAtRest) {
      learned.observe(points, ref);
      if (frameHeight) learned.observeLens(points, sides, torsoLength(points, sides), frameHeight);
    }
    const f = facingOf(points, ref, learned.frontWidth());
    if (f !== null) facing = [...facing.slice(1 - VIEW_FRAMES), f];
    const torso = ref.max('torso');
    const far = frameHeight !== undefined && torso !== null && torso < FAR_TORSO * frameHeight;
    const close = frameHeight !== undefined && torso !== null && torso > CLOSE_TORSO * frameHeight;
    const lens = lensFor(close, far, sides);
    withLens = lens !== null;
    const needs = lens?.by === 'elbow' ? exercise.closeUp!.withLens! : exercise.needs.joints;
    if (!judgeable(points, sides, needs) || (!lens && !judgeableClose(close))) return null;
    const frame = { points, ref, sides, view: viewNow(), far, lens, atLeast: (limb: Limb) => learned.atLeast(limb, torso) };
    const zones = exercise.signals.flatMap((s, i) => {
      const v = measure(frame, s.measure);
      if (i === 0) value = v;
      return v === null ? [] : [zoneOf(s, v, lens !== null)];
    });
    if (!zones.length) return null; // nothing measurable: keep the phase as it is
    if (exercise.combine === 'any') return zones.includes('active') ? 'active' : zones.every((z) => z === 'rest') ? 'rest' : 'between';
    return zones.every((z) => z === zones[0]) ? zones[0]! : 'between';
  };

  const state = (): RepState => ({
    count,
    phase,
    label: phase === 'unknown' ? `get into the “${exercise.phases.rest}” position` : exercise.phases[phase],
    value,
    repTimes,
    view: viewNow(),
    hint,
    blocked: missing >= HINT_AFTER,
    lens: exercise.standsAtRest ? (learned.lens()?.lens ?? null) : null,
  });

  /** The phase this zone moves to, or null to stay. */
  const nextPhase = (zone: Zone): RepPhase | null =>
    phase === 'active' ? (zone === 'rest' ? 'rest' : null) : zone === 'active' && phase === 'rest' ? 'active' : zone === 'rest' && phase === 'unknown' ? 'rest' : null;

  return {
    exercise,
    update(keypoints: readonly NamedKeypoint[], t: number): RepState {
      const zone = zoneNow(keypoints, t);
      const next = zone === null ? null : nextPhase(zone);
      if (next === null) {
        // Read with the lens, a fast rep's top shows for two or three frames, one of which noise may pull back below
        // the bar (the elbow sinks back in the picture there): one frame between two of the candidate's is let pass.
        if (zone !== null && withLens && candidate && !gap) gap = true;
        else if (zone !== null) [candidate, held, gap] = [null, 0, false];
        return state();
      }
      if (candidate !== next) gap = false;
      held = candidate === next ? held + 1 : 1;
      candidate = next;
      if (held < confirmFrames) return state();
      if (next === 'rest') {
        // Too quick a round trip is the model's keypoints flickering, not a rep.
        if (phase === 'active' && t - restAt >= exercise.minRepMs) {
          count++;
          repTimes = [...repTimes, t];
        }
        restAt = t;
      }
      phase = next;
      [candidate, held, gap] = [null, 0, false];
      return state();
    },
    /** Carry on a set from where it was left (the overlay was closed mid-set): its count, from the rest pose. */
    resume(from: { count: number; repTimes: readonly number[] }) {
      count = from.count;
      repTimes = [...from.repTimes];
    },
    reset() {
      count = 0;
      phase = 'unknown';
      [candidate, held] = [null, 0];
      repTimes = [];
    },
    /** Forget the learned rest pose and standing pose (the user asked to recalibrate). */
    recalibrate() {
      ref.reset();
      learned.forget();
      facing = [];
      phase = 'unknown';
    },
    /** The camera picture's height, once the model host says it (the keypoints are in its pixels). */
    setFrameHeight(height: number) {
      frameHeight = height;
    },
    /** Use a standing pose kept from an earlier session with this camera (it arrives after the counter starts). */
    adopt: (kept: Standing | null) => learned.adopt(kept),
    /** The standing pose learned so far, to keep for the next session with this camera (null until it is sure). */
    standing: () => (exercise.standsAtRest ? learned.current(ref) : null),
    state,
  };
}

export type RepCounter = ReturnType<typeof createRepCounter>;
