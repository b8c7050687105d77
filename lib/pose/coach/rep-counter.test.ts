import { describe, expect, it } from 'vitest';
import { EXERCISES, findExercise } from './exercises';
import { createRepCounter } from './rep-counter';
import { figure, hold, jitter, swing, type FigurePose } from '../../../testkit/pose/synthetic-pose';
import { seededRandom } from '../../random/seeded';

const FRAME_MS = 1000 / 30;

/** Each exercise's rest pose, active pose and a half rep that turns back before the active threshold. */
const MOVES: Record<string, { rest: FigurePose; full: { [K in keyof FigurePose]?: [number, number] }; half: { [K in keyof FigurePose]?: [number, number] }; nearActive: FigurePose; base?: FigurePose }> = {
  squat: { rest: { knee: 175 }, full: { knee: [175, 80] }, half: { knee: [175, 125] }, nearActive: { knee: 100 } },
  pushup: { rest: { elbow: 175 }, full: { elbow: [175, 70] }, half: { elbow: [175, 120] }, nearActive: { elbow: 95 } },
  'arm-raise': { rest: { arm: 15 }, full: { arm: [15, 165] }, half: { arm: [15, 95] }, nearActive: { arm: 135 } },
  'jumping-jack': {
    rest: { arm: 15, feet: 0.7 },
    full: { arm: [15, 165], feet: [0.7, 2.2] },
    half: { arm: [15, 90], feet: [0.7, 1.3] },
    nearActive: { arm: 122, feet: 1.55 },
  },
};

function run(id: string, poses: FigurePose[], px = 4, seed = 1) {
  const counter = createRepCounter(findExercise(id)!);
  const random = seededRandom(seed);
  const states = poses.map((p, i) => counter.update(jitter(figure(p), px, random), i * FRAME_MS));
  return { counter, states, last: states.at(-1)! };
}

it('has the four exercises, each with a distinct id', () => {
  expect(EXERCISES.map((e) => e.id).sort()).toEqual(['arm-raise', 'jumping-jack', 'pushup', 'squat']);
});

describe.each(Object.entries(MOVES))('%s', (id, move) => {
  it('counts full reps under jitter and ignores half reps in between', () => {
    const poses = [...hold(move.rest, 10)];
    for (let i = 0; i < 5; i++) poses.push(...swing(move.full, 36), ...swing(move.half, 30));
    for (const seed of [1, 2, 3]) {
      const { last, states } = run(id, poses, 4, seed);
      expect(last.count).toBe(5);
      expect(last.repTimes).toHaveLength(5);
      expect(states.some((s) => s.phase === 'active')).toBe(true);
    }
  });

  it('counts only half reps as nothing', () => {
    const poses = [...hold(move.rest, 10)];
    for (let i = 0; i < 6; i++) poses.push(...swing(move.half, 30));
    expect(run(id, poses).last.count).toBe(0);
  });

  it('counts flickering around the active threshold as one rep, not many (hysteresis)', () => {
    const poses = [...hold(move.rest, 10), ...hold(move.nearActive, 60), ...hold(move.rest, 10)];
    const { last } = run(id, poses, 6);
    expect(last.count).toBe(1);
  });

  it('counts no half rep when the session starts mid-movement', () => {
    const poses = [...swing(move.full, 36).slice(18), ...swing(move.full, 36), ...swing(move.full, 36)];
    const { states, last } = run(id, poses);
    expect(states[0]!.phase).toBe('unknown');
    expect(states[0]!.label).toMatch(/get into/);
    expect(last.count).toBe(2);
  });

  it('ignores one stray frame and frames whose keypoints are all unsure', () => {
    const active = swing(move.full, 36)[18]!;
    const unsure = { ...active, score: 0.05 };
    const poses = [...hold(move.rest, 10), active, ...hold(move.rest, 10), ...hold(unsure, 10), ...hold(move.rest, 10)];
    const { last } = run(id, poses, 0);
    expect(last.count).toBe(0);
    expect(last.phase).toBe('rest');
  });

  it('starts again from nothing after reset', () => {
    const { counter } = run(id, [...hold(move.rest, 5), ...swing(move.full, 36), ...swing(move.full, 36)]);
    expect(counter.state().count).toBe(2);
    counter.reset();
    expect(counter.state()).toMatchObject({ count: 0, phase: 'unknown', repTimes: [] });
  });
});

it('does not count a round trip quicker than the exercise allows', () => {
  const counter = createRepCounter(findExercise('squat')!);
  const poses = [...hold({ knee: 175 }, 4), ...hold({ knee: 80 }, 3), ...hold({ knee: 175 }, 3)];
  const last = poses.map((p, i) => counter.update(figure(p), i * 20)).at(-1)!; // 50 frames a second: 0.2 s down and up
  expect(last.phase).toBe('rest');
  expect(last.count).toBe(0);
});
