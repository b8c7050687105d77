/**
 * The coach's settings, in `storage.local` (the view writes them, the worker reads them when it is asked to notify).
 * Times are the user's local "HH:MM".
 */
export interface CoachSettings {
  /** Slouching this long (seconds) raises a notification. */
  holdSeconds: number;
  /** No notification from `quietFrom` to `quietTo` (over midnight when `quietFrom` is later); equal means none. */
  quietFrom: string;
  quietTo: string;
  /** At most one notification in this many minutes, however often the user slouches. */
  minMinutesBetween: number;
}

export const COACH_SETTINGS_KEY = 'hearth:coach-settings';

/** Evenings and nights are quiet: no one wants a posture nudge at 23:00. */
export const DEFAULT_COACH_SETTINGS: CoachSettings = { holdSeconds: 60, quietFrom: '21:00', quietTo: '08:00', minMinutesBetween: 20 };

const hhmm = (s: unknown) => typeof s === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
const within = (n: unknown, lo: number, hi: number) => typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;

/** Stored settings with anything missing or malformed replaced by its default. */
export function normalizeCoachSettings(raw: unknown): CoachSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof CoachSettings, unknown>>;
  const d = DEFAULT_COACH_SETTINGS;
  return {
    holdSeconds: within(r.holdSeconds, 1, 3600) ? (r.holdSeconds as number) : d.holdSeconds,
    quietFrom: hhmm(r.quietFrom) ? (r.quietFrom as string) : d.quietFrom,
    quietTo: hhmm(r.quietTo) ? (r.quietTo as string) : d.quietTo,
    minMinutesBetween: within(r.minMinutesBetween, 0, 24 * 60) ? (r.minMinutesBetween as number) : d.minMinutesBetween,
  };
}

const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));

/** Is `date` (local time) inside the quiet hours? */
export function inQuietHours(settings: Pick<CoachSettings, 'quietFrom' | 'quietTo'>, date: Date): boolean {
  const from = minutesOf(settings.quietFrom);
  const to = minutesOf(settings.quietTo);
  const now = date.getHours() * 60 + date.getMinutes();
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}
