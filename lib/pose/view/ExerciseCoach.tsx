import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EXERCISES, findExercise, type View } from '../coach/exercises';
import type { CoachMemory } from '../coach/memory';
import { describeLens } from '../coach/lens';
import { createRepCounter, type RepState } from '../coach/rep-counter';
import { formatDuration, summarizeSession, type SessionRecord } from '../coach/session-stats';
import type { PoseFeed } from './pose-feed';
import { useSetMemory } from './use-set-memory';

const describeSession = (r: SessionRecord) => `${r.reps} ${findExercise(r.exercise)?.label.toLowerCase() ?? r.exercise} in ${formatDuration(r.seconds)} (${r.pacePerMinute}/min)`;
const VIEW_TEXT: Record<View, string> = { front: 'Seen from the front', angled: 'Seen at an angle', side: 'Seen from the side' };
const same = (a: RepState, b: RepState) => a.count === b.count && a.label === b.label && a.view === b.view && a.hint === b.hint && a.blocked === b.blocked && a.lens?.above === b.lens?.above && a.lens?.distance === b.lens?.distance;

export interface ExerciseCoachProps {
  feed: PoseFeed;
  store: { add(record: SessionRecord): Promise<unknown> };
  memory: CoachMemory;
  /** The camera in use (its deviceId), once known: the standing pose is kept per camera. */
  cameraId: string | null;
  /** The camera picture's height (pixels), once known. */
  frameHeight?: number | null;
  onError(message: string): void;
}

/**
 * Rep counting: pick an exercise, see the count, the phase, the view the coach sees and what keeps it from judging;
 * Finish keeps the session on the device. Closing the overlay mid-set keeps the set to carry on next time.
 */
export function ExerciseCoach({ feed, store, memory, cameraId, frameHeight, onError }: ExerciseCoachProps) {
  const [id, setId] = useState(EXERCISES[0]!.id);
  const counter = useMemo(() => createRepCounter(findExercise(id)!), [id]);
  const [rep, setRep] = useState<RepState>(counter.state());
  const [seconds, setSeconds] = useState(0);
  const [last, setLast] = useState<SessionRecord | null>(null);
  const [note, setNote] = useState('');
  // The camera's clock (capture times), so the session's length is the frames' and not the UI's.
  const span = useRef<{ start: number; end: number } | null>(null);
  const sets = useSetMemory({
    memory, counter, cameraId, store, onError,
    chooseExercise: setId,
    resumed: (set) => {
      span.current = { start: set.startedAt, end: set.lastAt };
      setRep(counter.state());
      setNote(`Carried on your set: ${set.count} so far`);
    },
  });

  const reset = () => {
    span.current = null;
    counter.reset();
    setRep(counter.state());
    setSeconds(0);
    setNote('');
    sets.ended();
  };

  /** Keep the session (if it counted anything) and start a new one. */
  const save = () => {
    const s = span.current;
    const count = counter.state().count;
    reset();
    if (!s || count === 0) return null;
    const record = summarizeSession(id, s.start, s.end, count);
    store.add(record).catch((e: Error) => onError(e.message));
    return record;
  };

  useEffect(() => {
    if (frameHeight) counter.setFrameHeight(frameHeight);
  }, [counter, frameHeight]);

  useEffect(() => {
    setRep(counter.state());
    return feed.subscribe((pose, t) => {
      const s = (span.current ??= { start: t, end: t });
      s.end = t;
      const before = counter.state().count;
      const next = counter.update(pose ?? [], t);
      if (next.count > before) sets.counted({ exercise: counter.exercise.id, count: next.count, repTimes: [...next.repTimes], startedAt: s.start, lastAt: t });
      setRep((prev) => (same(prev, next) ? prev : next));
      setSeconds(Math.round((s.end - s.start) / 1000));
    });
    // Closing the overlay keeps the set (written down at each rep) to carry on; Finish or another exercise ends it.
  }, [counter]);

  const choose = (next: string) => {
    save();
    setId(next);
  };
  const recalibrate = () => {
    sets.recalibrate();
    setRep(counter.state());
    setNote('Recalibrating: stand still in the start position');
  };

  const pace = seconds > 0 ? Math.round((rep.count / seconds) * 600) / 10 : 0;
  return (
    <div class="coach-exercise">
      <select aria-label="Exercise" data-testid="coach-exercise" value={id} onChange={(e) => choose(e.currentTarget.value)}>
        {EXERCISES.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
      </select>
      <span class="coach-count" data-testid="coach-count" aria-live="polite">{rep.count}</span>
      <span class="coach-phase" data-testid="coach-phase" data-phase={rep.phase}>{rep.label}</span>
      <span class="coach-view" data-testid="coach-view" data-view={rep.view ?? ''}>{rep.view ? VIEW_TEXT[rep.view] : ''}</span>
      {rep.lens && <span class="coach-lens" data-testid="coach-lens" title="Learned while you stood turned from the camera; kept for this camera">{describeLens(rep.lens)}</span>}
      <span class="coach-summary" data-testid="coach-summary">{formatDuration(seconds)} · {pace}/min</span>
      <button type="button" onClick={() => setLast(save())} disabled={rep.count === 0}>Finish</button>
      <button type="button" onClick={reset}>Reset</button>
      <button type="button" data-testid="coach-recalibrate" title="Forget the standing pose and camera position learned for this camera and learn them again" onClick={recalibrate}>Recalibrate</button>
      {rep.hint && <p class="coach-hint" role="status" data-testid="coach-hint" data-blocked={String(rep.blocked)}>{rep.hint}</p>}
      {note && <span class="coach-note" data-testid="coach-exercise-note">{note}</span>}
      {last && <span class="coach-last" data-testid="coach-last">Last: {describeSession(last)}</span>}
    </div>
  );
}
