import { useMemo, useState } from 'preact/hooks';
import { sendCommand } from '../../messaging/commands';
import type { SessionRecord } from '../coach/session-stats';
import { createCoachMemory, type StorageLike } from '../coach/memory';
import { ExerciseCoach } from './ExerciseCoach';
import { PostureCoach } from './PostureCoach';
import type { PoseFeed } from './pose-feed';
import { askForNotifications } from './notify-permission';
import './coach.css';

type Mode = 'off' | 'exercise' | 'posture';

/**
 * The coach under the pose overlay: rep counting or a posture watch, on the keypoints the view already gets.
 * `cameraId` is the camera in use (its deviceId): what the coach learns of the user is kept per camera;
 * `frameHeight` the height of the picture the keypoints are in (how far the user stands, roughly).
 */
export function CoachPanel({ feed, cameraId, frameHeight }: { feed: PoseFeed; cameraId: string | null; frameHeight: number | null }) {
  const [mode, setMode] = useState<Mode>('off');
  const [error, setError] = useState('');
  // Whether the posture watch may raise notifications: asked when it is turned on (null until answered).
  const [notify, setNotify] = useState<boolean | null>(null);
  // Sessions go to the worker's IndexedDB (Hearth's origin): framed in a site, this page is refused its own.
  const memory = useMemo(() => createCoachMemory(browser.storage.local as unknown as StorageLike), []);
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

  const choose = (next: Mode) => {
    // Asked in the change event itself: Chrome shows its prompt only during the user's gesture.
    if (next === 'posture') void askForNotifications(browser.permissions as never).then(setNotify);
    setMode(next);
    setError('');
  };

  return (
    <div class="coach" data-testid="coach">
      <select aria-label="Coach" data-testid="coach-mode" value={mode} onChange={(e) => choose(e.currentTarget.value as Mode)}>
        <option value="off">Coach: off</option>
        <option value="exercise">Count reps</option>
        <option value="posture">Posture watch</option>
      </select>
      {mode === 'exercise' && <ExerciseCoach feed={feed} store={store} memory={memory} cameraId={cameraId} frameHeight={frameHeight} onError={setError} />}
      {mode === 'posture' && <PostureCoach feed={feed} notify={notify} memory={memory} cameraId={cameraId} onError={setError} />}
      {mode === 'exercise' && <button type="button" data-testid="coach-export" onClick={() => void exportCsv()}>Export CSV</button>}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}
