import { useEffect, useMemo, useState } from 'preact/hooks';
import { sendCommand } from '../../messaging/commands';
import { COACH_SETTINGS_KEY, DEFAULT_COACH_SETTINGS, normalizeCoachSettings, type CoachSettings } from '../coach/coach-settings';
import { createPostureWatch, type PostureState } from '../coach/posture';
import type { CoachMemory } from '../coach/memory';
import type { PoseFeed } from './pose-feed';
import { NOTIFICATIONS_REFUSED } from './notify-permission';

const STATUS_TEXT = { uncalibrated: 'Sit upright and press Calibrate', unseen: 'Cannot see your head and shoulders', upright: 'Upright', slouching: 'Slouching' };
const NOTE = { 'quiet-hours': 'Quiet hours: no notification', 'too-soon': 'Reminded recently: not again yet', 'not-allowed': 'Not reminded: notifications are not allowed' };

/** Posture watch for desk work: calibrate on the user's upright pose, then a held slouch raises one gentle notification. */
export function PostureCoach({ feed, notify, memory, cameraId, onError }: { feed: PoseFeed; notify: boolean | null; memory: CoachMemory; cameraId: string | null; onError(message: string): void }) {
  const [settings, setSettings] = useState<CoachSettings>(DEFAULT_COACH_SETTINGS);
  const watch = useMemo(() => createPostureWatch({ holdMs: DEFAULT_COACH_SETTINGS.holdSeconds * 1000 }), []);
  const [state, setState] = useState<PostureState | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    browser.storage.local.get(COACH_SETTINGS_KEY).then((r) => setSettings(normalizeCoachSettings(r[COACH_SETTINGS_KEY])), () => {});
  }, []);
  useEffect(() => watch.setHoldMs(settings.holdSeconds * 1000), [settings.holdSeconds]);
  // The upright pose kept for this camera: the watch judges at once, no calibration needed each time.
  useEffect(() => {
    if (!cameraId) return;
    memory.calibration(cameraId).then((c) => {
      if (!c.upright || watch.baseline) return;
      watch.useBaseline(c.upright);
      setNote('Using your upright pose from last time');
    }, (e: Error) => onError(e.message));
  }, [cameraId]);

  useEffect(
    () =>
      feed.subscribe((pose, t) => {
        const s = watch.update(pose ?? [], t);
        setState(s);
        if (!s.alert) return;
        // The worker decides (quiet hours, rate limit) and words the notification.
        sendCommand(browser.runtime as never, 'background', 'coach.notify', { seconds: Math.round(s.slouchMs / 1000) }).then(
          (r) => setNote(r.shown ? 'Reminder sent' : NOTE[r.why]),
          (e: Error) => onError(e.message),
        );
      }),
    [],
  );

  const save = (change: Partial<CoachSettings>) => {
    const next = normalizeCoachSettings({ ...settings, ...change });
    setSettings(next);
    browser.storage.local.set({ [COACH_SETTINGS_KEY]: next }).catch((e: Error) => onError(e.message));
  };
  const calibrate = () => {
    try {
      const upright = watch.calibrate();
      if (cameraId) memory.saveUpright(cameraId, upright).catch((e: Error) => onError(e.message));
      setNote('Calibrated');
    } catch (e) {
      onError((e as Error).message);
    }
  };

  const status = state?.status ?? 'uncalibrated';
  return (
    <div class="coach-posture">
      <span data-testid="coach-posture" data-status={status} data-tilt={state?.sample?.tilt.toFixed(1)} data-head={state?.sample?.head.toFixed(3)}>
        {STATUS_TEXT[status]}
        {status === 'slouching' && ` (${Math.round(state!.slouchMs / 1000)} s${state!.reasons.length ? `: ${state!.reasons.join(', ')}` : ''})`}
      </span>
      <button type="button" data-testid="coach-calibrate" onClick={calibrate}>{watch.baseline ? 'Recalibrate' : 'Calibrate'}</button>
      {note && <span class="coach-note" data-testid="coach-note">{note}</span>}
      {notify === false && <p class="coach-note" role="status" data-testid="coach-no-notifications">{NOTIFICATIONS_REFUSED}</p>}
      <details>
        <summary>Reminder settings</summary>
        <label>After <input type="number" min={1} max={3600} value={settings.holdSeconds} data-testid="coach-hold" onChange={(e) => save({ holdSeconds: Number(e.currentTarget.value) })} /> s of slouching</label>
        <label>Quiet from <input type="time" value={settings.quietFrom} onChange={(e) => save({ quietFrom: e.currentTarget.value })} /></label>
        <label>to <input type="time" value={settings.quietTo} onChange={(e) => save({ quietTo: e.currentTarget.value })} /></label>
      </details>
    </div>
  );
}
