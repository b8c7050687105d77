import { angleAt, distance, meanOf, mirrorName, type PointsByName } from './angles';
import { heightAbove, LIMBS, limbLength, SIDES, torsoLength, type Limb, type Side } from './body';
import { armAngleFromElbow, straightUpReadsAs, type Lens } from './lens';
import type { Reference } from './reference';

/** Where the camera stands around the user, as far as the keypoints tell. */
export type View = 'front' | 'angled' | 'side';

/**
 * What an exercise measures, named on the left side where sides matter (both sides are measured and averaged).
 * Only `angle` depends on the camera's angle; the others are built to read the same from every view.
 */
export type Measure =
  /** The 2-D angle at the middle joint, in degrees; judged only where its limbs lie across the picture (below). */
  | { kind: 'angle'; joints: readonly [string, string, string] }
  /** A span over a body length, e.g. feet apart in shoulder widths: only from the views listed (side-on both vanish). */
  | { kind: 'ratio'; span: readonly [string, string]; per: readonly [string, string]; views: readonly View[] }
  /** How far the hips are below their rest height, in torso lengths. */
  | { kind: 'drop' }
  /**
   * How far the wrists are above the shoulders, in arm lengths (the arm's length at rest, hanging, when it is
   * vertical from every view): −1 hanging, 0 level with the shoulders, 1 straight up; −cos of the arm's angle.
   */
  | { kind: 'lift' }
  /** How high the shoulders are above the wrists, as a fraction of their height in the rest pose (push-ups). */
  | { kind: 'reach' };

/** One frame as the measures see it: the keypoints, the learned rest pose, and the view. */
export interface Frame {
  points: PointsByName;
  ref: Reference;
  view: View | null;
  /** The sides to measure on (lib/pose/coach/body.ts: a side hidden behind the body is left out). */
  sides: readonly Side[];
  /** The least a limb measures across the picture, from the user's kept standing pose (pixels), if known. */
  atLeast?(limb: Limb): number | null;
  /**
   * The user stands far enough from the camera (the torso a small part of the picture's height) that perspective
   * cannot make an arm reaching at the lens look raised; unknown (false) without the picture's size.
   */
  far?: boolean;
  /**
   * Within about 3 m and turned from the camera, with the lens known (lib/pose/coach/lens.ts): arms are judged on the
   * `near` side with perspective undone, by the elbow close up (the raised hand leaves the picture there) or else by
   * the wrist, and 2-D angles (which perspective bends there) not at all.
   */
  lens?: { lens: Lens; near: Side; turn: number; by: 'elbow' | 'wrist' } | null;
}

/** A limb shorter than this part of its longest recent length points at the camera: an angle across it lies. */
const FORESHORTENED = 0.8;
/**
 * The same for a raised arm, looser: close up, a camera below the shoulders sees an arm raised straight up at about
 * 0.8 of its hanging length (perspective), while an arm reaching at the camera shows about 0.6 of it.
 */
const ARM_LYING = 0.7;

const limbKey = (side: Side, limb: Limb) => `${side}_${limb}`;

/** Record this frame's quantities in the reference (`keep` when the frame is not mid-rep). */
export function observe(points: PointsByName, sides: readonly Side[], ref: Reference, t: number, keep: boolean) {
  ref.observe('torso', torsoLength(points, sides), t, keep);
  // Each side on its own: close up, the far side is farther from the camera and looks smaller and lower.
  for (const side of SIDES) {
    ref.observe(`${side}_hipY`, points.get(`${side}_hip`)?.y ?? null, t, keep);
    ref.observe(`${side}_torso`, torsoLength(points, [side]), t, keep);
    ref.observe(`${side}_reach`, heightAbove(points, 'shoulder', 'wrist', [side]), t, keep);
    // The hanging upper arm's length, as the most the elbow hangs below the shoulder (`reach`, the wrist's, for the
    // whole arm): its length across the picture would take in arms rising toward a close lens, which look longer than
    // they are (the frame is not mid-rep yet).
    ref.observe(`${side}_elbowDrop`, heightAbove(points, 'shoulder', 'elbow', [side]), t, keep);
    for (const limb of Object.keys(LIMBS) as Limb[]) ref.observe(limbKey(side, limb), limbLength(points, side, limb), t, keep);
  }
}

/** Is the limb from `a` to `b` (either way round) about as long as it gets, i.e. across the picture? */
function lying(f: Frame, side: Side, a: string, b: string, least = FORESHORTENED): boolean {
  const strip = (n: string) => n.replace(/^(left|right)_/, '');
  const limb = (Object.keys(LIMBS) as Limb[]).find((l) => {
    const [x, y] = LIMBS[l];
    return (x === strip(a) && y === strip(b)) || (x === strip(b) && y === strip(a));
  });
  if (!limb) return true;
  const now = limbLength(f.points, side, limb);
  const longest = Math.max(f.ref.max(limbKey(side, limb)) ?? 0, f.atLeast?.(limb) ?? 0);
  return now !== null && now >= least * longest;
}

function angleMeasure(f: Frame, joints: readonly [string, string, string]): number | null {
  return meanOf(
    f.sides.map((side) => {
      const [a, b, c] = side === 'left' ? joints : (joints.map(mirrorName) as unknown as typeof joints);
      const [pa, pb, pc] = [a, b, c].map((n) => f.points.get(n));
      if (!pa || !pb || !pc || !lying(f, side, a, b) || !lying(f, side, b, c)) return null;
      return angleAt(pa, pb, pc);
    }),
  );
}

/** How far below where an arm straight up reads a reading may be and still be that arm (about one keypoint's error). */
const STRAIGHT_UP_ERROR = (5 * Math.PI) / 180;
const RAISED = (120 * Math.PI) / 180;

/** The near arm's lift (−cos of its angle from hanging) from its elbow or wrist, the lens's perspective undone. */
function lensLift(f: Frame, { lens, near, turn, by }: NonNullable<Frame['lens']>): number | null {
  const shoulder = f.points.get(`${near}_shoulder`);
  const point = f.points.get(`${near}_${by}`);
  const hanging = f.ref.max(by === 'elbow' ? `${near}_elbowDrop` : `${near}_reach`);
  const torso = f.ref.max(`${near}_torso`);
  if (!shoulder || !point || !hanging || !torso) return null;
  const arm = hanging / torso / lens.distance;
  const angle = armAngleFromElbow((shoulder.y - point.y) / hanging, lens, arm, turn);
  // Within a keypoint's error of where an arm straight up reads, it may be straight up: read as raised (120°).
  return -Math.cos(angle >= straightUpReadsAs(lens, arm, turn) - STRAIGHT_UP_ERROR ? Math.max(angle, RAISED) : angle);
}

function liftMeasure(f: Frame): number | null {
  if (f.lens) return lensLift(f, f.lens);
  return meanOf(
    f.sides.map((side) => {
      const wrist = f.points.get(`${side}_wrist`);
      const shoulder = f.points.get(`${side}_shoulder`);
      // Each side against its own arm: close up and side-on the near arm looks a third longer than the far one.
      const arm = Math.max(f.ref.max(limbKey(side, 'arm')) ?? 0, f.atLeast?.('arm') ?? 0);
      // An arm reaching toward a camera below the shoulders rises in the picture without rising: judged only when
      // it lies across the picture (a raised arm does, from every side).
      if (!wrist || !shoulder || !(arm > 0)) return null;
      if (!f.far && !lying(f, side, `${side}_shoulder`, `${side}_wrist`, ARM_LYING)) return null;
      return Math.max(-1, Math.min(1, (shoulder.y - wrist.y) / arm));
    }),
  );
}

/**
 * Is the body level (a plank) rather than upright? Standing, the hips are about 0.9 of an arm's length below the
 * shoulders; at the top of a push-up about 0.4 (the body slopes to the toes), less further down: 0.6 parts them.
 * A standing user raising the arms lowers the shoulders relative to the wrists too, and is not doing push-ups.
 */
function level(f: Frame, side: Side): boolean {
  const shoulder = f.points.get(`${side}_shoulder`);
  const hip = f.points.get(`${side}_hip`);
  const arm = f.ref.max(limbKey(side, 'arm'));
  return !shoulder || !hip || !arm || hip.y - shoulder.y < 0.6 * arm;
}

const perSide = (f: Frame, one: (side: Side) => number | null) => meanOf(f.sides.map(one));

/** The measure's value in this frame, or null when it cannot be judged from what the camera sees. */
export function measure(f: Frame, m: Measure): number | null {
  if (m.kind === 'angle') return f.lens ? null : angleMeasure(f, m.joints);
  if (m.kind === 'ratio') {
    if (f.view && !m.views.includes(f.view)) return null;
    const [s1, s2, p1, p2] = [...m.span, ...m.per].map((n) => f.points.get(n));
    if (!s1 || !s2 || !p1 || !p2) return null;
    const per = distance(p1, p2);
    return per > 0 ? distance(s1, s2) / per : null;
  }
  if (m.kind === 'drop') return perSide(f, (side) => {
    const hip = f.points.get(`${side}_hip`);
    const top = f.ref.min(`${side}_hipY`);
    const torso = f.ref.max(`${side}_torso`);
    return hip && top !== null && torso ? (hip.y - top) / torso : null;
  });
  if (m.kind === 'lift') return liftMeasure(f);
  return perSide(f, (side) => {
    const reach = heightAbove(f.points, 'shoulder', 'wrist', [side]);
    const most = f.ref.max(`${side}_reach`);
    return reach !== null && most && level(f, side) ? reach / most : null;
  });
}

/** A person faces the camera when the shoulders are this wide for their torso (typical adult, joints' centres). */
export const FRONT_WIDTH = 0.69;

/** How squarely this frame faces the camera: about |cos| of the angle around the person (1 facing, 0 side-on). */
export function facingOf(points: PointsByName, ref: Reference, frontWidth = FRONT_WIDTH): number | null {
  // Across the picture only: turned from a lens below or above them, the shoulders are also apart up and down (the
  // near one looks higher or lower), which is perspective, not facing the camera.
  const l = points.get('left_shoulder');
  const r = points.get('right_shoulder');
  const width = l && r ? Math.abs(l.x - r.x) : null;
  const torso = ref.max('torso');
  return width === null || !torso ? null : width / torso / frontWidth;
}

/** The view a facing value means: front within about 45°, side-on beyond about 70°. */
export const viewOf = (facing: number): View => (facing >= 0.72 ? 'front' : facing <= 0.3 ? 'side' : 'angled');
