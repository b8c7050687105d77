import { IDBFactory } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { coachSessionHandlers } from './coach-sessions';
import { createSessionStore } from './session-store';
import { summarizeSession } from '../coach/session-stats';

const VIEW = 'chrome-extension://abc/pose-view.html';
const view = { kind: 'pose-view' as const, sender: { url: VIEW } };

it('saves sessions from the camera view only, and exports them as CSV to Hearth pages', async () => {
  const h = coachSessionHandlers(createSessionStore(new IDBFactory()), VIEW);
  const record = summarizeSession('squat', Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 0, 1), 12);
  await expect(h['coach.saveSession']({ record }, { kind: 'content-script', sender: { url: VIEW } })).rejects.toThrow(/camera view/);
  await expect(h['coach.saveSession']({ record }, { kind: 'extension-page', sender: { url: 'chrome-extension://abc/popup.html' } })).rejects.toThrow(/camera view/);
  await expect(h['coach.saveSession']({ record: { ...record, reps: Number.NaN } }, view)).rejects.toThrow(/malformed/);
  await expect(h['coach.saveSession']({ record: { ...record, extra: 'x' } as never }, view)).resolves.toEqual({ ok: true });
  await expect(h['coach.exportSessions'](undefined, { kind: 'content-script', sender: {} })).rejects.toThrow(/own pages/);
  const { csv } = await h['coach.exportSessions'](undefined, { kind: 'extension-page', sender: { url: 'chrome-extension://abc/popup.html' } });
  expect(csv).toBe('exercise,started,ended,reps,seconds,reps_per_minute\r\nsquat,2026-01-01T00:00:00.000Z,2026-01-01T00:01:00.000Z,12,60,12\r\n');
});
