import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EXERCISES, findExercise } from '../coach/exercises';
import { createRepCounter, type RepState } from '../coach/rep-counter';
import { formatDuration, summarizeSession, type SessionRecord } from '../coach/session-stats';
import type { PoseFeed } from './pose-feed';

const describeSession = (r: SessionRecord) => `${r.reps} ${findExercise(r.exercise)?.label.toLowerCase() ?? r.exercise} in ${formatDuration(r.seconds)} (${r.pacePerMinute}/min)`;

/** Rep counting: pick an exercise, see the count and phase; Finish keeps the session on the device. */
export function ExerciseCoach({ feed, store, onError }: { feed: PoseFeed; store: { add(record: SessionRecord): Promise<unknown> }; onError(message: string): void }) {
  const [id, setId] = useState(EXERCISES[0]!.id);
  const counter = useMemo(() => createRepCounter(findExercise(id)!), [id]);
  const [rep, setRep] = useState<RepState>(counter.state());
  const [seconds, setSeconds] = useState(0);
  const [last, setLast] = useState<SessionRecord | null>(null);
  // The camera's clock (capture times), so the session's length is the frames' and not the UI's.
  const span = useRef<{ start: number; end: number } | null>(null);

  const reset = () => {
    span.current = null;
    counter.reset();
    setRep(counter.state());
    setSeconds(0);
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
    setRep(counter.state());
    const stop = feed.subscribe((pose, t) => {
      const s = (span.current ??= { start: t, end: t });
      s.end = t;
      const next = counter.update(pose ?? [], t);
      setRep((prev) => (prev.count === next.count && prev.label === next.label ? prev : next));
      setSeconds(Math.round((s.end - s.start) / 1000));
    });
    // Switching exercise or mode, or closing the overlay, keeps what was done.
    return () => {
      stop();
      save();
    };
  }, [counter]);

  const pace = seconds > 0 ? Math.round((rep.count / seconds) * 600) / 10 : 0;
  return (
    <div class="coach-exercise">
      <select aria-label="Exercise" data-testid="coach-exercise" value={id} onChange={(e) => setId(e.currentTarget.value)}>
        {EXERCISES.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
      </select>
      <span class="coach-count" data-testid="coach-count" aria-live="polite">{rep.count}</span>
      <span class="coach-phase" data-testid="coach-phase" data-phase={rep.phase}>{rep.label}</span>
      <span class="coach-summary" data-testid="coach-summary">{formatDuration(seconds)} · {pace}/min</span>
      <button type="button" onClick={() => setLast(save())} disabled={rep.count === 0}>Finish</button>
      <button type="button" onClick={reset}>Reset</button>
      {last && <span class="coach-last" data-testid="coach-last">Last: {describeSession(last)}</span>}
    </div>
  );
}
