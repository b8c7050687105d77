import { angleAt, distance, meanOf, mirrorName, type PointsByName } from './angles';

/**
 * What an exercise measures, named on the left side: angles and spans are measured on both sides (where the model
 * saw them) and averaged, so a user filmed from either side, or from the front, counts alike.
 */
export type Measure =
  /** The angle at the middle joint, in degrees. */
  | { kind: 'angle'; joints: readonly [string, string, string] }
  /** The distance between two points over a body length (so it does not depend on how far the user stands). */
  | { kind: 'ratio'; span: readonly [string, string]; per: readonly [string, string] };

/**
 * One signal of an exercise: a rep goes from beyond `rest` to beyond `active` and back. Between the two values
 * nothing changes (hysteresis), so jitter near one threshold never flips the phase. When `active` is below `rest`,
 * "beyond" means below.
 */
export interface Signal {
  measure: Measure;
  rest: number;
  active: number;
}

export interface Exercise {
  id: string;
  label: string;
  /** What the user is told in each phase. */
  phases: { rest: string; active: string };
  /** All the signals the model can see must agree before the phase changes. */
  signals: readonly Signal[];
  /** A "rep" faster than this is noise, not a rep. */
  minRepMs: number;
}

const knee = { kind: 'angle', joints: ['left_hip', 'left_knee', 'left_ankle'] } as const;
const elbow = { kind: 'angle', joints: ['left_shoulder', 'left_elbow', 'left_wrist'] } as const;
const armRaise = { kind: 'angle', joints: ['left_hip', 'left_shoulder', 'left_wrist'] } as const;
const feetApart = { kind: 'ratio', span: ['left_ankle', 'right_ankle'], per: ['left_shoulder', 'right_shoulder'] } as const;

/** Adding an exercise is adding an entry here (and nothing else). Angles in degrees. */
export const EXERCISES: readonly Exercise[] = [
  { id: 'squat', label: 'Squats', phases: { rest: 'up', active: 'down' }, signals: [{ measure: knee, rest: 160, active: 100 }], minRepMs: 600 },
  { id: 'pushup', label: 'Push-ups', phases: { rest: 'up', active: 'down' }, signals: [{ measure: elbow, rest: 150, active: 95 }], minRepMs: 500 },
  {
    id: 'jumping-jack',
    label: 'Jumping jacks',
    phases: { rest: 'closed', active: 'open' },
    signals: [
      { measure: armRaise, rest: 50, active: 120 },
      { measure: feetApart, rest: 1.1, active: 1.5 },
    ],
    minRepMs: 300,
  },
  { id: 'arm-raise', label: 'Arm raises', phases: { rest: 'down', active: 'up' }, signals: [{ measure: armRaise, rest: 45, active: 135 }], minRepMs: 600 },
];

export const findExercise = (id: string) => EXERCISES.find((e) => e.id === id);

/** The signal's value in this frame, or null when the model saw neither side. */
export function measure(points: PointsByName, m: Measure): number | null {
  if (m.kind === 'angle') {
    const sides = [m.joints, m.joints.map(mirrorName)].map(([a, b, c]) => {
      const pa = points.get(a!);
      const pb = points.get(b!);
      const pc = points.get(c!);
      return pa && pb && pc ? angleAt(pa, pb, pc) : null;
    });
    return meanOf(sides);
  }
  const [s1, s2, p1, p2] = [...m.span, ...m.per].map((n) => points.get(n));
  if (!s1 || !s2 || !p1 || !p2) return null;
  const per = distance(p1, p2);
  return per > 0 ? distance(s1, s2) / per : null;
}

/** Which side of the hysteresis band a value is on. */
export function zoneOf(signal: Signal, value: number): 'rest' | 'active' | 'between' {
  const up = signal.active > signal.rest;
  if (up ? value <= signal.rest : value >= signal.rest) return 'rest';
  if (up ? value >= signal.active : value <= signal.active) return 'active';
  return 'between';
}
