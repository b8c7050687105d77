import { describe, expect, it } from 'vitest';
import { allCases, caseName, generate } from '../../../testkit/pose/view-set';
import { accuracyTables, scoreCase, type CaseScore } from '../../../testkit/pose/view-score';
import { IMAGE, placeCamera, project } from '../../../testkit/pose/camera-sim';
import { angle3d, pose3d } from '../../../testkit/pose/exercises3d';
import { findExercise } from './exercises';
import { createRepCounter } from './rep-counter';

/**
 * Close up (1.5 m) and at 60° or side-on, an arm swinging sideways at the lens looks raised in the picture and the
 * near hand leaves it at the top. There the coach judges arms by the near elbow with perspective undone, from where
 * it learned the lens to be while the user stood turned from it (lib/pose/coach/lens.ts); before it knows that, it
 * counts nothing there and tells the user to step back or face the camera (rep-views.test.ts).
 * The set is one seed per case; the test below adds four more for those close, turned cases. Built on case seeds
 * +0…+19000; on ten seeds held out until the end (+30000…+39000), 955 of 960 cases met the target (before the lens:
 * 866): three close jumping jacks at 60° missed one full rep each (the top of a fast jack shows for two or three
 * frames, where the elbow reads near the bar), a side-on push-up at 4 m missed one and a push-up at 30°, 1.5 m counted
 * a half one (neither is read with the lens). No half rep was counted by lens-read arms on any of forty seeds; the half
 * jumping jacks at 2.5 m, 60–90° that the uncorrected wrists counted (13 on those ten seeds) are gone.
 */
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

  it('counts every full jumping jack and arm raise and no half one, from every angle, height and distance', () => {
    expect(scores.filter((s) => !meetsTarget(s)).map((s) => caseName(s.case))).toEqual([]);
  });

  it('counts no half, shallow or stray rep from any view, and counts every full rep or tells the user it cannot judge it', () => {
    expect(scores.filter((s) => s.partialCounted || s.stray).map((s) => caseName(s.case))).toEqual([]);
    expect(scores.filter((s) => s.fullCounted + s.fullTold < s.fullExpected).map((s) => caseName(s.case))).toEqual([]);
  });
});

it('close up and turned from the camera, counts every full jumping jack and arm raise and no half one on four more seeds', () => {
  const close = allCases().filter((c) => ['jumping-jack', 'arm-raise'].includes(c.exercise) && c.angle >= 60 && c.distance === 1.5);
  const scores = [1, 2, 3, 4].flatMap((k) =>
    close.map((c) => scoreCase({ ...c, seed: c.seed + 1000 * k }, (id) => createRepCounter(findExercise(id)!, { frameHeight: IMAGE.height }))),
  );
  expect(scores).toHaveLength(32);
  expect(scores.filter((s) => !meetsTarget(s)).map((s) => `${caseName(s.case)} seed ${s.case.seed}`)).toEqual([]);
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

it('shows why close-up, side-on arms need the lens: without it, perspective leaves about two keypoint errors between a half and a full rep', () => {
  // The near elbow's rise above the shoulder in the picture, in its hanging length, for a 1.75 m person 1.5 m away.
  const rise = (cameraHeight: number, d: number) => {
    const cam = placeCamera([0, 0, 0], 90, 1.5, cameraHeight, 1.2 * 1.75);
    const y = (depth: number, joint: 'left_shoulder' | 'left_elbow') => project(cam, pose3d('arm-raise', depth, 1.75)[joint]).y;
    return (y(d, 'left_shoulder') - y(d, 'left_elbow')) / (y(0, 'left_elbow') - y(0, 'left_shoulder'));
  };
  const halfBelow = rise(0.75, 0.55); // arm at 98°, pointing at a lens below the hips
  const fullAbove = Math.min(rise(1.15, 0.85), rise(1.15, 1)); // arm at 147° and 172°, lens above the hips
  expect(halfBelow).toBeGreaterThan(0.75); // truly 0.14: an arm at 98° is about level
  expect(fullAbove).toBeLessThan(1.1);
  // Keypoint noise is 1.2 % of the person's height per point, about 0.065 of an upper arm (0.186 of the height):
  // the rise, a difference of two points, errs by √2 times that in each frame.
  const error = Math.SQRT2 * (0.012 / 0.186);
  expect((fullAbove - halfBelow) / error).toBeLessThan(2.5);
});
