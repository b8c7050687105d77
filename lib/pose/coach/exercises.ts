import type { Measure, View } from './measures';

export type { Measure, View };

/**
 * One signal of an exercise: a rep goes from beyond `rest` to beyond `active` and back. Between the two values
 * nothing changes (hysteresis), so jitter near one threshold never flips the phase. When `active` is below `rest`,
 * "beyond" means below.
 */
export interface Signal {
  measure: Measure;
  rest: number;
  active: number;
  /**
   * The active value when the arms are judged with the lens's perspective undone (within about 3 m, turned from the
   * camera: lib/pose/coach/lens.ts): a close lens well below the shoulders reads an arm past about 130° as no more
   * than that, so the bar sits halfway from level (90°) to there, at 110° (−cos = 0.34).
   */
  withLens?: number;
}

export interface Exercise {
  id: string;
  label: string;
  /** What the user is told in each phase. */
  phases: { rest: string; active: string };
  signals: readonly Signal[];
  /**
   * `any`: one signal reaching its active value makes the rep (they are alternative ways to see the same movement,
   * e.g. the hips' drop, which reads from every view, and the knee angle, which a side view shows well); `all`: every
   * signal the camera can judge must agree (different parts of the movement, e.g. arms and feet of a jumping jack).
   * Either way, the rest pose needs every judged signal at rest.
   */
  combine: 'any' | 'all';
  /** Joints a rep cannot be judged without, and what to tell the user when the camera does not see them. */
  needs: { joints: readonly string[]; hint: string };
  /** Joints that make the count surer; without them it goes on, and the user is told. */
  wants?: { joints: readonly string[]; hint: string };
  /**
   * Close to the camera (about 2 m or less), the only views a rep can be judged from, and what to tell the user;
   * `withLens`: the joints that judge it from the other views too once the lens is known (lib/pose/coach/lens.ts).
   */
  closeUp?: { views: readonly View[]; hint: string; withLens?: readonly string[] };
  /** A "rep" faster than this is noise, not a rep. */
  minRepMs: number;
  /** Its rest pose is standing, so the user's standing pose can be learned from it (lib/pose/coach/standing.ts). */
  standsAtRest: boolean;
}

const knee = { kind: 'angle', joints: ['left_hip', 'left_knee', 'left_ankle'] } as const;
const elbow = { kind: 'angle', joints: ['left_shoulder', 'left_elbow', 'left_wrist'] } as const;
const armRaise = { kind: 'angle', joints: ['left_hip', 'left_shoulder', 'left_wrist'] } as const;
// Both spans shrink alike as the user turns, so the ratio holds until side-on, where both vanish into noise.
const feetApart = { kind: 'ratio', span: ['left_ankle', 'right_ankle'], per: ['left_shoulder', 'right_shoulder'], views: ['front', 'angled'] } as const;
const drop = { kind: 'drop' } as const;
const lift = { kind: 'lift' } as const;
const reach = { kind: 'reach' } as const;

const STEP_BACK = 'Step back so your';
/** An arm at 110° from hanging, as lifts go (see Signal.withLens). */
const WITH_LENS = 0.34;
// Close up, an arm swinging sideways at the lens looks raised in the picture: from the side only a front view tells.
// Once the lens's height is known (learned standing turned from it), the near elbow tells, perspective undone: the
// elbow stays in the picture when a close lens loses the raised hand (lib/pose/coach/lens.ts).
const ARMS_CLOSE_UP = {
  views: ['front'],
  hint: 'Step back or face the camera: this close, arms seen from the side cannot be judged',
  withLens: ['shoulder', 'hip', 'elbow'],
} as const;

/** A standing exercise that raises both hands overhead: the hands must be in view, and close up only a front view tells. */
const armsOverhead = (e: Omit<Exercise, 'needs' | 'closeUp' | 'standsAtRest'>): Exercise => ({
  ...e,
  needs: { joints: ['shoulder', 'hip', 'wrist'], hint: `${STEP_BACK} raised hands are in view` },
  closeUp: ARMS_CLOSE_UP,
  standsAtRest: true,
});

/**
 * Adding an exercise is adding an entry here (and nothing else). Angles in degrees; drops in torso lengths (a full
 * squat drops the hips 0.7–0.9 of one, a half squat 0.3); lifts in arm lengths (−cos of the arm's angle from
 * vertical: 0.4 is 114°, 0.6 is 127°; the angle at the shoulder from the hip reads about 8° more, shoulders being
 * wider than hips); reach as a fraction of the arms' height at the top of a push-up.
 */
export const EXERCISES: readonly Exercise[] = [
  {
    id: 'squat',
    label: 'Squats',
    phases: { rest: 'up', active: 'down' },
    signals: [{ measure: drop, rest: 0.15, active: 0.5 }, { measure: knee, rest: 160, active: 100 }],
    combine: 'any',
    needs: { joints: ['shoulder', 'hip'], hint: `${STEP_BACK} hips are in view` },
    wants: { joints: ['knee', 'ankle'], hint: `${STEP_BACK} feet are in view: counting by your hips only` },
    minRepMs: 600,
    standsAtRest: true,
  },
  {
    id: 'pushup',
    label: 'Push-ups',
    phases: { rest: 'up', active: 'down' },
    signals: [{ measure: reach, rest: 0.9, active: 0.65 }, { measure: elbow, rest: 150, active: 95 }],
    combine: 'any',
    needs: { joints: ['shoulder', 'wrist'], hint: `${STEP_BACK} shoulders and hands are in view` },
    minRepMs: 500,
    standsAtRest: false,
  },
  armsOverhead({
    id: 'jumping-jack',
    label: 'Jumping jacks',
    phases: { rest: 'closed', active: 'open' },
    signals: [{ measure: lift, rest: -0.74, active: 0.4, withLens: WITH_LENS }, { measure: feetApart, rest: 1.1, active: 1.5 }],
    combine: 'all',
    wants: { joints: ['ankle'], hint: `${STEP_BACK} feet are in view: counting your arms only` },
    minRepMs: 300,
  }),
  armsOverhead({
    id: 'arm-raise',
    label: 'Arm raises',
    phases: { rest: 'down', active: 'up' },
    signals: [{ measure: lift, rest: -0.8, active: 0.6, withLens: WITH_LENS }, { measure: armRaise, rest: 45, active: 135 }],
    combine: 'any',
    minRepMs: 600,
  }),
];

export const findExercise = (id: string) => EXERCISES.find((e) => e.id === id);

/** Which side of the hysteresis band a value is on. */
export function zoneOf(signal: Signal, value: number, withLens = false): 'rest' | 'active' | 'between' {
  if (withLens && signal.withLens !== undefined) signal = { ...signal, active: signal.withLens };
  const up = signal.active > signal.rest;
  if (up ? value <= signal.rest : value >= signal.rest) return 'rest';
  if (up ? value >= signal.active : value <= signal.active) return 'active';
  return 'between';
}
