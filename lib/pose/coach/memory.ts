import type { PostureSample } from './posture';
import { normalizeStanding, type Standing } from './standing';
import type { StorageAreaLike } from '../../messaging/storage-area';

/**
 * What the coach keeps between sessions, in extension storage: per camera (its deviceId), the user's standing pose
 * (lib/pose/coach/standing.ts) and the posture watch's upright pose, both measured through that camera where it
 * stands; and the set in progress, so that closing the overlay mid-set loses nothing.
 */
export const CALIBRATION_KEY = 'hearth:coach-calibration';
export const LIVE_SET_KEY = 'hearth:coach-live-set';
/** Cameras remembered: the most recently used; a laptop with a monitor and a phone has three. */
const MAX_CAMERAS = 8;
/** A set left this long ago is over: it is kept as a session and a new one starts. */
export const RESUME_WITHIN_MS = 15 * 60_000;

export interface CameraCalibration {
  standing: Standing | null;
  upright: PostureSample | null;
  usedAt: number;
}

/** A set in progress, on the camera's clock (epoch milliseconds). */
export interface LiveSet {
  exercise: string;
  count: number;
  repTimes: number[];
  startedAt: number;
  lastAt: number;
}

/** The part of `storage.local` this needs (WXT's fake browser has it too). */
export type StorageLike = StorageAreaLike;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function normalizeUpright(raw: unknown): PostureSample | null {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return finite(r.tilt) && finite(r.head) && Math.abs(r.tilt) <= 90 && r.head > 0 && r.head < 10 ? { tilt: r.tilt, head: r.head } : null;
}

export function normalizeLiveSet(raw: unknown): LiveSet | null {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const times = Array.isArray(r.repTimes) ? r.repTimes.filter(finite) : [];
  if (typeof r.exercise !== 'string' || !finite(r.count) || r.count < 1 || !finite(r.startedAt) || !finite(r.lastAt) || r.lastAt < r.startedAt) return null;
  return { exercise: r.exercise, count: Math.floor(r.count), repTimes: times.slice(-1000), startedAt: r.startedAt, lastAt: r.lastAt };
}

function normalizeCalibrations(raw: unknown): Record<string, CameraCalibration> {
  const out: Record<string, CameraCalibration> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    const r = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    out[id] = { standing: normalizeStanding(r.standing), upright: normalizeUpright(r.upright), usedAt: finite(r.usedAt) ? r.usedAt : 0 };
  }
  return out;
}

/** The coach's memory over a storage area; `now` is the wall clock (a parameter, for tests). */
export function createCoachMemory(storage: StorageLike, now: () => number = Date.now) {
  const all = async () => normalizeCalibrations((await storage.get(CALIBRATION_KEY))[CALIBRATION_KEY]);

  /** Change one camera's entry, keeping only the most recently used cameras. */
  const update = async (deviceId: string, change: Partial<CameraCalibration>) => {
    const cameras = await all();
    cameras[deviceId] = { ...(cameras[deviceId] ?? { standing: null, upright: null }), ...change, usedAt: now() };
    const kept = Object.entries(cameras).sort((a, b) => b[1].usedAt - a[1].usedAt).slice(0, MAX_CAMERAS);
    await storage.set({ [CALIBRATION_KEY]: Object.fromEntries(kept) });
  };

  return {
    async calibration(deviceId: string): Promise<CameraCalibration> {
      return (await all())[deviceId] ?? { standing: null, upright: null, usedAt: 0 };
    },
    saveStanding: (deviceId: string, standing: Standing | null) => update(deviceId, { standing }),
    saveUpright: (deviceId: string, upright: PostureSample | null) => update(deviceId, { upright }),
    async liveSet(): Promise<LiveSet | null> {
      return normalizeLiveSet((await storage.get(LIVE_SET_KEY))[LIVE_SET_KEY]);
    },
    saveLiveSet: (set: LiveSet) => storage.set({ [LIVE_SET_KEY]: set }),
    clearLiveSet: () => storage.remove(LIVE_SET_KEY),
  };
}

export type CoachMemory = ReturnType<typeof createCoachMemory>;

/**
 * Whether a set left at `lastAt` can be carried on at `at` (wall clock). `lastAt` is the camera's clock, taken in the
 * model host: a little ahead of the view's is the same moment, not a set from the future.
 */
export const resumable = (set: LiveSet, at: number) => at - set.lastAt > -60_000 && at - set.lastAt < RESUME_WITHIN_MS;
