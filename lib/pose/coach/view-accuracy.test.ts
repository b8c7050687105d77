import { expect, it } from 'vitest';
import { allCases, generate } from '../../../testkit/pose/view-set';
import { accuracyTables, scoreCase } from '../../../testkit/pose/view-score';
import { angle3d, pose3d } from '../../../testkit/pose/exercises3d';
import { findExercise } from './exercises';
import { createRepCounter } from './rep-counter';

// The coach against the projected test set (testkit/pose/view-set.ts): every exercise from 0°, 30°, 60° and 90°,
// two camera heights, three distances. The table is printed for the report.
it('reports the count accuracy per exercise and view', () => {
  const scores = allCases().map((c) => scoreCase(c, (id) => createRepCounter(findExercise(id)!)));
  console.log(`Coach accuracy on the view test set (full reps counted/done, +n half, shallow or stray reps counted):\n${accuracyTables(scores)}`);
  expect(scores).toHaveLength(4 * 4 * 2 * 3);
}, 120_000);

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
