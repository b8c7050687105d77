import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { coachNotifyHandlers, createCoachNotifier } from './coach-notify';
import { COACH_SETTINGS_KEY } from '../coach/coach-settings';

const VIEW = 'chrome-extension://abc/pose-view.html';

function setup(start: Date, allowed = true) {
  let clock = start.getTime();
  const shown: Array<{ id: string; message: string; silent: boolean }> = [];
  const notify = createCoachNotifier({
    create: async (id, o) => void shown.push({ id, message: o.message, silent: o.silent }),
    settings: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    allowed: async () => allowed,
    iconUrl: 'chrome-extension://abc/icon/128.png',
    now: () => new Date(clock),
  });
  return { notify, shown, advance: (ms: number) => void (clock += ms) };
}

beforeEach(() => fakeBrowser.reset());

describe('posture notifications', () => {
  it('shows one, then none until the interval has passed', async () => {
    await fakeBrowser.storage.local.set({ [COACH_SETTINGS_KEY]: { minMinutesBetween: 10, quietFrom: '00:00', quietTo: '00:00' } });
    const { notify, shown, advance } = setup(new Date(2026, 10, 30, 10, 0));
    expect(await notify(65)).toEqual({ shown: true });
    advance(9 * 60_000);
    expect(await notify(65)).toEqual({ shown: false, why: 'too-soon' });
    advance(61_000);
    expect(await notify(200)).toEqual({ shown: true });
    expect(shown.map((s) => s.message)).toEqual([
      'You have been slouching for 65 seconds. Roll your shoulders back and lift your head.',
      'You have been slouching for 3 minutes. Roll your shoulders back and lift your head.',
    ]);
    expect(shown.every((s) => s.silent)).toBe(true);
  });

  it('lets only one of two reports at once through', async () => {
    const { notify, shown } = setup(new Date(2026, 10, 30, 10, 0));
    const results = await Promise.all([notify(60), notify(60)]);
    expect(results.filter((r) => r.shown)).toHaveLength(1);
    expect(shown).toHaveLength(1);
  });

  it('stays silent in the default quiet hours (21:00–08:00), and shows outside them', async () => {
    const night = setup(new Date(2026, 10, 30, 23, 30));
    expect(await night.notify(60)).toEqual({ shown: false, why: 'quiet-hours' });
    const early = setup(new Date(2026, 10, 30, 7, 59));
    expect(await early.notify(60)).toEqual({ shown: false, why: 'quiet-hours' });
    const day = setup(new Date(2026, 10, 30, 8, 0));
    expect(await day.notify(60)).toEqual({ shown: true });
    expect(night.shown.length + early.shown.length).toBe(0);
  });

  it('raises none, and says why, while the user has not allowed notifications', async () => {
    const { notify, shown } = setup(new Date(2026, 10, 30, 12, 0), false);
    expect(await notify(60)).toEqual({ shown: false, why: 'not-allowed' });
    expect(shown).toHaveLength(0);
  });

  it('answers only Hearth’s camera view', async () => {
    const { notify, shown } = setup(new Date(2026, 10, 30, 12, 0));
    const handlers = coachNotifyHandlers(notify, VIEW);
    await expect(handlers['coach.notify']({ seconds: 60 }, { kind: 'content-script', sender: { url: VIEW } })).rejects.toThrow(/camera view/);
    await expect(handlers['coach.notify']({ seconds: 60 }, { kind: 'extension-page', sender: { url: 'chrome-extension://abc/popup.html' } })).rejects.toThrow(/camera view/);
    expect(shown).toHaveLength(0);
    expect(await handlers['coach.notify']({ seconds: 60 }, { kind: 'pose-view', sender: { url: `${VIEW}#x` } })).toEqual({ shown: true });
  });
});
