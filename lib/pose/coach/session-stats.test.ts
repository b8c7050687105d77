import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { csvCell, formatDuration, sessionsToCsv, summarizeSession } from './session-stats';
import { createSessionStore } from '../worker/session-store';

describe('session summary and CSV', () => {
  it('sums a session: reps, seconds and pace', () => {
    expect(summarizeSession('squat', 1_000, 61_000, 15)).toEqual({ exercise: 'squat', startedAt: 1_000, endedAt: 61_000, reps: 15, seconds: 60, pacePerMinute: 15 });
    expect(summarizeSession('squat', 0, 40_000, 7).pacePerMinute).toBe(10.5);
    expect(summarizeSession('squat', 0, 200, 1).pacePerMinute).toBe(0);
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(9)).toBe('9 s');
  });

  it('writes RFC 4180 CSV with ISO times, quoting what needs it and defusing formulas', () => {
    const csv = sessionsToCsv([summarizeSession('squat', Date.UTC(2026, 10, 30, 7), Date.UTC(2026, 10, 30, 7, 1), 12), summarizeSession('a,"b"', 0, 1000, 1)]);
    expect(csv).toBe(
      'exercise,started,ended,reps,seconds,reps_per_minute\r\n' +
        'squat,2026-11-30T07:00:00.000Z,2026-11-30T07:01:00.000Z,12,60,12\r\n' +
        '"a,""b""",1970-01-01T00:00:00.000Z,1970-01-01T00:00:01.000Z,1,1,60\r\n',
    );
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('session store', () => {
  it('keeps sessions in IndexedDB, oldest first, across reopening, and clears them', async () => {
    const idb = new IDBFactory();
    const store = createSessionStore(idb);
    await store.add(summarizeSession('pushup', 5_000, 65_000, 20));
    await store.add(summarizeSession('squat', 1_000, 31_000, 10));
    const again = createSessionStore(idb);
    expect((await again.list()).map((r) => r.exercise)).toEqual(['squat', 'pushup']);
    await again.clear();
    expect(await store.list()).toEqual([]);
  });
});
