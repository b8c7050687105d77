import { describe, expect, it } from 'vitest';
import { allCases, caseName, generate } from '../../../testkit/pose/view-set';
import { findExercise } from './exercises';
import { createRepCounter, type RepState } from './rep-counter';
import { createReference } from './reference';
import { IMAGE } from '../../../testkit/pose/camera-sim';

const caseOf = (name: string) => allCases().find((c) => caseName(c) === name)!;

/** Every state of a counter over one case of the view test set. */
function play(name: string, counter = createRepCounter(findExercise(caseOf(name).exercise)!)) {
  const states: RepState[] = generate(caseOf(name)).frames.map((f) => counter.update(f.keypoints, f.t));
  return { counter, states, last: states.at(-1)! };
}

describe('what the coach tells the user', () => {
  it('says which view it sees', () => {
    expect(play('squat 0° below hips 2.5 m').last.view).toBe('front');
    expect(play('squat 30° above hips 4 m').last.view).toBe('front');
    expect(play('squat 60° above hips 2.5 m').last.view).toBe('angled');
    expect(play('squat 90° below hips 4 m').last.view).toBe('side');
  });

  it('counts squats with the feet cut off, and says they are counted by the hips only', () => {
    const { last, states } = play('squat 0° below hips 1.5 m');
    expect(last.count).toBe(4);
    expect(states.filter((s) => s.hint === 'Step back so your feet are in view: counting by your hips only').length).toBeGreaterThan(states.length / 2);
    expect(states.some((s) => s.blocked)).toBe(false);
    expect(play('squat 0° below hips 2.5 m').states.some((s) => s.hint)).toBe(false);
  });

  it('says when a rep cannot be judged because the raised hands leave the picture', () => {
    const { states } = play('jumping-jack 90° below hips 1.5 m');
    const blocked = states.filter((s) => s.blocked);
    expect(blocked.length).toBeGreaterThan(0);
    expect(new Set(blocked.map((s) => s.hint))).toEqual(new Set(['Step back so your raised hands are in view']));
  });

  it('close up and side-on, counts arm raises once it has learned where the lens is, and shows it', () => {
    const counter = createRepCounter(findExercise('arm-raise')!, { frameHeight: IMAGE.height });
    const { last } = play('arm-raise 60° below hips 1.5 m', counter);
    expect(last.count).toBe(4);
    expect(last.lens!.above).toBeGreaterThan(0.3); // the lens is 0.75 m up, the shoulders about 1.45 m, 1.5 m away
    expect(play('arm-raise 0° below hips 1.5 m', createRepCounter(findExercise('arm-raise')!, { frameHeight: IMAGE.height })).last.count).toBe(4);
  });

  it('close up and side-on, without the lens (the far shoulder never seen), counts no arm raise and tells the user', () => {
    const counter = createRepCounter(findExercise('arm-raise')!, { frameHeight: IMAGE.height });
    const states = generate(caseOf('arm-raise 60° below hips 1.5 m')).frames.map((f) =>
      counter.update(f.keypoints.filter((k) => k.name !== 'right_shoulder'), f.t),
    );
    expect(states.at(-1)).toMatchObject({ count: 0, lens: null, blocked: true, hint: 'Step back or face the camera: this close, arms seen from the side cannot be judged' });
    expect(states.filter((s) => s.blocked).length).toBeGreaterThan(states.length / 2);
  });

  it('asks a user out of the picture to step into view', () => {
    const counter = createRepCounter(findExercise('squat')!);
    for (let i = 0; i < 3; i++) counter.update([], i * 100);
    expect(counter.state()).toMatchObject({ hint: 'Step into view', blocked: true });
  });
});

describe('calibration and resuming', () => {
  it('resumes a set: the count goes on from where it was', () => {
    const counter = createRepCounter(findExercise('squat')!);
    counter.resume({ count: 6, repTimes: [1, 2, 3, 4, 5, 6] });
    const { last } = play('squat 30° below hips 2.5 m', counter);
    expect(last.count).toBe(10);
    expect(last.repTimes).toHaveLength(10);
  });

  it('learns the standing pose facing the camera, and a new counter sees the view with it from the start', () => {
    const { counter } = play('squat 0° above hips 2.5 m');
    const standing = counter.standing()!;
    expect(standing.frontWidth).toBeGreaterThan(0.6);
    expect(standing.frontWidth).toBeLessThan(0.85);
    expect(standing.limbs.thigh).toBeGreaterThan(0.6);
    const next = createRepCounter(findExercise('squat')!, { standing });
    expect(play('squat 90° above hips 2.5 m', next).last).toMatchObject({ count: 4, view: 'side' });
    expect(createRepCounter(findExercise('pushup')!).standing()).toBeNull(); // a plank is not a standing pose
  });

  it('forgets the learned pose on recalibration and learns it again', () => {
    const { counter } = play('arm-raise 0° above hips 2.5 m');
    expect(counter.standing()).not.toBeNull();
    counter.recalibrate();
    expect(counter.standing()).toBeNull();
    expect(counter.state()).toMatchObject({ phase: 'unknown', view: null });
    expect(play('arm-raise 0° above hips 2.5 m', counter).last.count).toBe(8);
  });
});

describe('the learned rest pose', () => {
  it('is the extreme of recent frames outside reps, each the median of its last readings', () => {
    const ref = createReference(1000);
    [100, 101, 99, 100, 300, 100, 98].forEach((v, i) => ref.observe('hipY', v, i * 100, true));
    expect(ref.min('hipY')).toBe(100); // medians of the last five: 300 is one wild reading, 99 and 98 single dips
    ref.observe('hipY', 50, 800, false); // mid-rep: not a rest pose
    ref.observe('hipY', 50, 900, false);
    expect(ref.min('hipY')).toBe(100);
    for (let i = 0; i < 10; i++) ref.observe('hipY', 200, 3000 + i * 200, true);
    expect(ref.min('hipY')).toBe(200); // the user moved: older frames left the window
    expect(ref.max('torso')).toBeNull();
  });
});
