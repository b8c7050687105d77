import { describe, expect, it } from 'vitest';
import { allCases, caseName, generate } from '../../../testkit/pose/view-set';
import { accuracyTables, scoreCase, type CaseScore } from '../../../testkit/pose/view-score';
import { IMAGE } from '../../../testkit/pose/camera-sim';
import { angle3d, pose3d } from '../../../testkit/pose/exercises3d';
import { findExercise } from './exercises';
import { createRepCounter } from './rep-counter';

/**
 * Where the coach does not reach the target, and why: close up (1.5 m) and at 60° or side-on, an arm swinging
 * sideways at the lens looks raised in the picture, and the near hand leaves it at the top. There the coach counts
 * nothing and tells the user to step back or face the camera (below: every full rep there is "told"). The test fails
 * if any other case misses the target, and also if one of these starts to meet it (then it leaves this list).
 * The set is one seed per case; on seven other seeds tried by hand, 0–2 of the 96 cases missed the target (a half
 * jumping jack counted at 2.5 m with the camera below the hips, or one full jack or push-up missed): margins are thin.
 */
const KNOWN_GAPS = ['jumping-jack', 'arm-raise'].flatMap((e) => [60, 90].flatMap((a) => ['below', 'above'].map((h) => `${e} ${a}° ${h} hips 1.5 m`)));

/** The target: every full rep counted, no half, shallow or stray rep counted. */
const meetsTarget = (s: CaseScore) => s.fullCounted === s.fullExpected && s.partialCounted === 0 && s.stray === 0;

// The coach against the projected test set (testkit/pose/view-set.ts): every exercise from 0°, 30°, 60° and 90°,
// two camera heights, three distances, 4 full reps and 3 half or shallow ones each. The table is printed for reports.
describe('the coach from every view of the test set', () => {
  // The picture's height is known, as in the overlay (the model host reports it).
  const scores = allCases().map((c) => scoreCase(c, (id) => createRepCounter(findExercise(id)!, { frameHeight: IMAGE.height })));

  it('reports the count accuracy per exercise and view', () => {
    console.log(`Coach accuracy on the view test set (full reps counted/done, (n told) = not counted but the user was told the camera cannot judge, +n = half, shallow or stray reps counted):\n${accuracyTables(scores)}`);
    expect(scores).toHaveLength(4 * 4 * 2 * 3);
  });

  it('counts every full squat and push-up and no half one, from every angle, height and distance', () => {
    const missed = scores.filter((s) => ['squat', 'pushup'].includes(s.case.exercise) && !meetsTarget(s));
    expect(missed.map((s) => caseName(s.case))).toEqual([]);
  });

  it('meets the target for jumping jacks and arm raises everywhere but the known close-up, side-on gaps', () => {
    const missed = scores.filter((s) => !meetsTarget(s)).map((s) => caseName(s.case));
    expect(missed.sort()).toEqual(KNOWN_GAPS.sort());
  });

  it('counts no half, shallow or stray rep from any view, and counts every full rep or tells the user it cannot judge it', () => {
    expect(scores.filter((s) => s.partialCounted || s.stray).map((s) => caseName(s.case))).toEqual([]);
    expect(scores.filter((s) => s.fullCounted + s.fullTold < s.fullExpected).map((s) => caseName(s.case))).toEqual([]);
  });
});

it('builds the test set from real rep depths: full squats near parallel, half ones well short', () => {
  const knee = (d: number) => { const j = pose3d('squat', d, 1.75); return angle3d(j.left_hip, j.left_knee, j.left_ankle); };
  const elbow = (d: number) => { const j = pose3d('pushup', d, 1.75); return angle3d(j.left_shoulder, j.left_elbow, j.left_wrist); };
  expect(knee(0)).toBeGreaterThan(170);
  expect(knee(0.85)).toBeLessThan(85);
  expect(knee(0.55)).toBeGreaterThan(110);
  expect(elbow(0)).toBeGreaterThan(170);
  expect(elbow(0.85)).toBeLessThan(90);
  expect(elbow(0.55)).toBeGreaterThan(110);
  // Close up, the feet fall out of the picture; from 2.5 m they are in it.
  const close = generate(allCases().find((c) => c.exercise === 'squat' && c.distance === 1.5)!);
  const far = generate(allCases().find((c) => c.exercise === 'squat' && c.distance === 2.5)!);
  const ankleScore = (s: typeof close) => s.frames[0]!.keypoints.find((k) => k.name === 'left_ankle')!.score!;
  expect(ankleScore(close)).toBeLessThan(0.2);
  expect(ankleScore(far)).toBeGreaterThan(0.3);
});
