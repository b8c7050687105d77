import { useMemo, useState } from 'preact/hooks';
import { sendCommand } from '../../messaging/commands';
import type { SessionRecord } from '../coach/session-stats';
import { ExerciseCoach } from './ExerciseCoach';
import { PostureCoach } from './PostureCoach';
import type { PoseFeed } from './pose-feed';
import './coach.css';

type Mode = 'off' | 'exercise' | 'posture';

/** The coach under the pose overlay: rep counting or a posture watch, on the keypoints the view already gets. */
export function CoachPanel({ feed }: { feed: PoseFeed }) {
  const [mode, setMode] = useState<Mode>('off');
  const [error, setError] = useState('');
  // Sessions go to the worker's IndexedDB (Hearth's origin): framed in a site, this page is refused its own.
  const store = useMemo(() => ({ add: (record: SessionRecord) => sendCommand(browser.runtime as never, 'background', 'coach.saveSession', { record }) }), []);

  const exportCsv = async () => {
    try {
      const { csv } = await sendCommand(browser.runtime as never, 'background', 'coach.exportSessions', undefined);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
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
        <option value="off">Coach: off</option>
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
