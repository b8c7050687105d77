import { useMemo, useState } from 'preact/hooks';
import { createSessionStore } from '../coach/session-store';
import { sessionsToCsv } from '../coach/session-stats';
import { ExerciseCoach } from './ExerciseCoach';
import { PostureCoach } from './PostureCoach';
import type { PoseFeed } from './pose-feed';
import './coach.css';

type Mode = 'off' | 'exercise' | 'posture';

/** The coach under the pose overlay: rep counting or a posture watch, on the keypoints the view already gets. */
export function CoachPanel({ feed }: { feed: PoseFeed }) {
  const [mode, setMode] = useState<Mode>('off');
  const [error, setError] = useState('');
  // The view is an extension page: this IndexedDB belongs to Hearth's origin, never to the site around the overlay.
  const store = useMemo(() => createSessionStore(indexedDB), []);

  const exportCsv = async () => {
    try {
      const url = URL.createObjectURL(new Blob([sessionsToCsv(await store.list())], { type: 'text/csv' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'hearth-sessions.csv' });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div class="coach" data-testid="coach">
      <select aria-label="Coach" data-testid="coach-mode" value={mode} onChange={(e) => (setMode(e.currentTarget.value as Mode), setError(''))}>
        <option value="off">Coach off</option>
        <option value="exercise">Count reps</option>
        <option value="posture">Posture watch</option>
      </select>
      {mode === 'exercise' && <ExerciseCoach feed={feed} store={store} onError={setError} />}
      {mode === 'posture' && <PostureCoach feed={feed} onError={setError} />}
      {mode === 'exercise' && <button type="button" data-testid="coach-export" onClick={() => void exportCsv()}>Export CSV</button>}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}
