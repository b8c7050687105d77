import { SenderRefusedError } from '../../messaging/errors';
import type { SenderKind } from '../../messaging/sender';
import { COACH_SETTINGS_KEY, inQuietHours, normalizeCoachSettings } from '../coach/coach-settings';

/** The extension APIs the coach's notifications use (WXT's `browser`), so tests hand in fakes. */
export interface CoachNotifyDeps {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority: number; silent: boolean }): Promise<unknown>;
  /** storage.local: where the view keeps the coach's settings. */
  settings: { get(key: string): Promise<Record<string, unknown>> };
  /** storage.session: when the last notification was shown (survives the worker stopping). */
  session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  /** Has the user allowed `notifications` (an optional permission, asked for when the posture watch is turned on)? */
  allowed(): Promise<boolean>;
  iconUrl: string;
  now?: () => Date;
}

export type CoachNotifyResult = { shown: true } | { shown: false; why: 'quiet-hours' | 'too-soon' | 'not-allowed' };

const LAST_KEY = 'hearth:coach-last-notified';

/**
 * Posture notifications: gentle (silent, normal priority), never during quiet hours, and at most one per
 * `minMinutesBetween` however many slouches the view reports. The text is Hearth's own; the view only says how long.
 */
export function createCoachNotifier({ create, settings, session, allowed, iconUrl, now = () => new Date() }: CoachNotifyDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  const notify = async (seconds: number): Promise<CoachNotifyResult> => {
    // Without the permission the API is not there at all: the view says so instead.
    if (!(await allowed())) return { shown: false, why: 'not-allowed' };
    const s = normalizeCoachSettings((await settings.get(COACH_SETTINGS_KEY))[COACH_SETTINGS_KEY]);
    const date = now();
    if (inQuietHours(s, date)) return { shown: false, why: 'quiet-hours' };
    const last = (await session.get(LAST_KEY))[LAST_KEY];
    if (typeof last === 'number' && date.getTime() - last < s.minMinutesBetween * 60_000) return { shown: false, why: 'too-soon' };
    await session.set({ [LAST_KEY]: date.getTime() });
    const minutes = Math.round(seconds / 60);
    const held = seconds < 90 ? `${Math.round(seconds)} seconds` : `${minutes} minutes`;
    await create(`hearth-posture-${date.getTime()}`, {
      type: 'basic',
      iconUrl,
      title: 'Time to sit up',
      message: `You have been slouching for ${held}. Roll your shoulders back and lift your head.`,
      priority: 0,
      silent: true,
    });
    return { shown: true };
  };
  // One at a time, so two reports at once cannot both pass the rate limit.
  return (seconds: number) => {
    const run = chain.then(() => notify(seconds));
    chain = run.catch(() => {});
    return run;
  };
}

interface NotifyContext {
  kind: SenderKind;
  sender: { url?: string };
}

/** The worker's `coach.notify` command: only Hearth's camera view (where the posture watch runs) may ask. */
export function coachNotifyHandlers(notify: ReturnType<typeof createCoachNotifier>, viewUrl: string) {
  return {
    'coach.notify': async ({ seconds }: { seconds: number }, { kind, sender }: NotifyContext) => {
      if (kind !== 'pose-view' || sender.url?.split(/[?#]/)[0] !== viewUrl) {
        throw new SenderRefusedError('Only Hearth’s camera view may raise a posture notification.');
      }
      return notify(Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 86_400) : 0);
    },
  };
}
