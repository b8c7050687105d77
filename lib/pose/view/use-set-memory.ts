import { useEffect, useRef } from 'preact/hooks';
import { findExercise } from '../coach/exercises';
import { resumable, type CoachMemory, type LiveSet } from '../coach/memory';
import type { RepCounter } from '../coach/rep-counter';
import { summarizeSession, type SessionRecord } from '../coach/session-stats';

export interface SetMemoryOptions {
  memory: CoachMemory;
  counter: RepCounter;
  cameraId: string | null;
  store: { add(record: SessionRecord): Promise<unknown> };
  /** A set left earlier is carried on: switch to its exercise (the counter for it then comes back here). */
  chooseExercise(id: string): void;
  /** The resumed set is in the counter; `span` is its start and last rep (camera clock). */
  resumed(set: LiveSet): void;
  onError(message: string): void;
}

/**
 * The exercise coach's memory between overlays: on opening, the set left within the last minutes is carried on (an
 * older one is kept as a finished session); each rep is written down as it is counted, since a page can remove the
 * overlay without a word; and the user's standing pose for this camera is used and kept.
 */
export function useSetMemory(o: SetMemoryOptions) {
  const pending = useRef<LiveSet | null>(null);
  const { memory, counter, cameraId } = o;
  const fail = (e: Error) => o.onError(e.message);

  const apply = (set: LiveSet) => {
    pending.current = null;
    counter.resume(set);
    o.resumed(set);
  };

  useEffect(() => {
    memory.liveSet().then(async (set) => {
      if (!set) return;
      if (resumable(set, Date.now()) && findExercise(set.exercise)) {
        if (set.exercise === counter.exercise.id) apply(set);
        else {
          pending.current = set;
          o.chooseExercise(set.exercise);
        }
        return;
      }
      await o.store.add(summarizeSession(set.exercise, set.startedAt, set.lastAt, set.count));
      await memory.clearLiveSet();
    }).catch(fail);
  }, []);

  useEffect(() => {
    if (pending.current?.exercise === counter.exercise.id) apply(pending.current);
  }, [counter]);

  useEffect(() => {
    if (cameraId) memory.calibration(cameraId).then((c) => counter.adopt(c.standing), fail);
  }, [counter, cameraId]);

  return {
    /** A rep was counted: keep the set so far, and the standing pose learned so far for this camera. */
    counted(set: LiveSet) {
      memory.saveLiveSet(set).catch(fail);
      const standing = counter.standing();
      if (cameraId && standing) memory.saveStanding(cameraId, standing).catch(fail);
    },
    /** The set is over (finished, reset or another exercise chosen): nothing to carry on. */
    ended() {
      memory.clearLiveSet().catch(fail);
    },
    /** Forget this camera's standing pose; the counter learns it again. */
    recalibrate() {
      counter.recalibrate();
      if (cameraId) memory.saveStanding(cameraId, null).catch(fail);
    },
  };
}
