import type { NamedKeypoint } from '../../lib/pose/coach/angles';
import { ANGLES, DISTANCES, EXERCISES_3D, HEIGHTS, generate, type ViewCase } from './view-set';

/** What a counter under test must do: take frames, say when each counted rep ended. */
export type CounterUnderTest = { update(keypoints: readonly NamedKeypoint[], t: number): { repTimes: readonly number[]; blocked?: boolean } };

export interface CaseScore {
  case: ViewCase;
  fullExpected: number;
  fullCounted: number;
  /** Half and shallow reps counted (each one is a mistake). */
  partialCounted: number;
  /** Counts that belong to no rep at all (at rest before the first one). */
  stray: number;
  /** Full reps not counted, during which the coach told the user it could not judge a rep from there. */
  fullTold: number;
}

/**
 * Run one case through a fresh counter and attribute each counted rep to the rep it ended: the last one whose
 * deepest point came before the count (a rep is counted on the way back up, after its deepest point).
 */
export function scoreCase(c: ViewCase, makeCounter: (exercise: string) => CounterUnderTest): CaseScore {
  const seq = generate(c);
  const counter = makeCounter(c.exercise);
  let times: readonly number[] = [];
  const blockedAt: number[] = [];
  for (const f of seq.frames) {
    const s = counter.update(f.keypoints, f.t);
    times = s.repTimes;
    if (s.blocked) blockedAt.push(f.t);
  }
  let fullCounted = 0;
  let partialCounted = 0;
  let stray = 0;
  const seen = new Set<number>();
  for (const t of times) {
    const i = seq.reps.findLastIndex((r) => r.deepest < t);
    if (i < 0 || seen.has(i)) stray++;
    else if (seq.reps[i]!.kind === 'F') fullCounted++;
    else partialCounted++;
    seen.add(i);
  }
  const told = seq.reps.filter((r, i) => r.kind === 'F' && !seen.has(i) && blockedAt.some((t) => t >= r.start && t <= r.end));
  return { case: c, fullExpected: seq.reps.filter((r) => r.kind === 'F').length, fullCounted, partialCounted, stray, fullTold: told.length };
}

const cell = (scores: CaseScore[]) => {
  const sum = (k: 'fullExpected' | 'fullCounted' | 'partialCounted' | 'stray' | 'fullTold') => scores.reduce((a, s) => a + s[k], 0);
  const wrong = sum('partialCounted') + sum('stray');
  return `${sum('fullCounted')}/${sum('fullExpected')}${sum('fullTold') ? ` (${sum('fullTold')} told)` : ''}${wrong ? ` +${wrong}` : ''}`;
};

/**
 * The accuracy tables as text: per exercise and camera angle (all heights and distances together), then per
 * height and distance. A cell is "full reps counted/full reps done", "(n told)" for full reps not counted while the
 * coach told the user it could not judge a rep from there, then "+n" for half, shallow or stray reps counted.
 */
export function accuracyTables(scores: CaseScore[]): string {
  const head = `| exercise | ${ANGLES.map((a) => `${a}°`).join(' | ')} |\n|---|${ANGLES.map(() => '---').join('|')}|`;
  const byAngle = EXERCISES_3D.map((e) => `| ${e} | ${ANGLES.map((a) => cell(scores.filter((s) => s.case.exercise === e && s.case.angle === a))).join(' | ')} |`);
  const detailHead = `| exercise | camera | ${ANGLES.map((a) => `${a}°`).join(' | ')} |\n|---|---|${ANGLES.map(() => '---').join('|')}|`;
  const detail = EXERCISES_3D.flatMap((e) =>
    HEIGHTS.flatMap((h) =>
      DISTANCES.map((d) => {
        const of = (a: number) => scores.filter((s) => s.case.exercise === e && s.case.angle === a && s.case.height.name === h.name && s.case.distance === d);
        return `| ${e} | ${h.name}, ${d} m | ${ANGLES.map((a) => cell(of(a))).join(' | ')} |`;
      }),
    ),
  );
  return [head, ...byAngle, '', detailHead, ...detail].join('\n');
}
