import { indexKeypoints, type NamedKeypoint } from './angles';
import { measure, zoneOf, type Exercise } from './exercises';

export type RepPhase = 'unknown' | 'rest' | 'active';

export interface RepState {
  count: number;
  phase: RepPhase;
  /** What to show: the exercise's name for the phase, or a hint before the first rest pose. */
  label: string;
  /** The first signal's value this frame (e.g. the knee angle), null when unseen. */
  value: number | null;
  /** When each counted rep ended (the clock the frames came with). */
  repTimes: readonly number[];
}

export interface RepCounterOptions {
  /** Keypoints less sure than this are ignored. */
  minScore?: number;
  /** Frames in a row a new zone must hold before the phase changes: one stray frame is jitter. */
  confirmFrames?: number;
}

/**
 * Count reps of one exercise from keypoint frames. A rep is rest → active → rest; the counter starts in `unknown` and
 * only counts once it has seen the rest pose, so starting mid-movement counts no half rep. A movement that turns
 * back before the active threshold (a half rep) never leaves `rest` and counts nothing.
 */
export function createRepCounter(exercise: Exercise, { minScore = 0.3, confirmFrames = 2 }: RepCounterOptions = {}) {
  let count = 0;
  let phase: RepPhase = 'unknown';
  let candidate: RepPhase | null = null;
  let held = 0;
  let restAt = 0; // when the current rep began (the last time the phase became rest)
  let repTimes: number[] = [];
  let value: number | null = null;

  const zoneNow = (keypoints: readonly NamedKeypoint[]) => {
    const points = indexKeypoints(keypoints, minScore);
    const zones = exercise.signals.flatMap((s, i) => {
      const v = measure(points, s.measure);
      if (i === 0) value = v;
      return v === null ? [] : [zoneOf(s, v)];
    });
    if (!zones.length) return null; // nothing measurable: keep the phase as it is
    return zones.every((z) => z === zones[0]) ? zones[0]! : 'between';
  };

  const state = (): RepState => ({
    count,
    phase,
    label: phase === 'unknown' ? `get into the “${exercise.phases.rest}” position` : exercise.phases[phase],
    value,
    repTimes,
  });

  return {
    exercise,
    update(keypoints: readonly NamedKeypoint[], t: number): RepState {
      const zone = zoneNow(keypoints);
      if (zone === null) return state();
      const next: RepPhase | null = phase === 'active' ? (zone === 'rest' ? 'rest' : null) : zone === 'active' && phase === 'rest' ? 'active' : zone === 'rest' && phase === 'unknown' ? 'rest' : null;
      if (next === null) {
        candidate = null;
        held = 0;
        return state();
      }
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
      candidate = null;
      held = 0;
      return state();
    },
    reset() {
      count = 0;
      phase = 'unknown';
      candidate = null;
      held = 0;
      repTimes = [];
    },
    state,
  };
}

export type RepCounter = ReturnType<typeof createRepCounter>;
