import { useEffect, useState } from 'preact/hooks';
import { describeCameraError } from '../camera-error';

type State = { phase: 'asking' } | { phase: 'granted' } | { phase: 'failed'; message: string; needsPermission: boolean };

/**
 * Asks for the camera once, on an extension page in its own tab: an offscreen document cannot show a permission
 * prompt, and the grant belongs to Hearth's origin, so afterwards the model host and the overlay can both capture.
 * The picture is not kept: the tracks stop at once.
 */
export function CameraPermission({ mediaDevices = navigator.mediaDevices }: { mediaDevices?: Pick<MediaDevices, 'getUserMedia'> }) {
  const [state, setState] = useState<State>({ phase: 'asking' });
  async function ask() {
    setState({ phase: 'asking' });
    try {
      const stream = await mediaDevices.getUserMedia({ video: true, audio: false });
      stream.getTracks().forEach((t) => t.stop());
      setState({ phase: 'granted' });
    } catch (err) {
      setState({ phase: 'failed', ...describeCameraError(err) });
    }
  }
  useEffect(() => void ask(), []);
  return (
    <main class="permission" data-testid="camera-permission" data-phase={state.phase}>
      <h1>Camera for Hearth’s pose overlay</h1>
      <p>The picture stays on this device: the pose model runs inside Hearth, and nothing is sent anywhere.</p>
      {state.phase === 'asking' && <p role="status">Chrome is asking whether Hearth may use the camera…</p>}
      {state.phase === 'granted' && (
        <p class="ok" role="status">Hearth may now use the camera. Close this tab and turn the overlay on again (Alt+Shift+O).</p>
      )}
      {state.phase === 'failed' && (
        <>
          <p class="error" role="alert">{state.message}</p>
          {/* This page is where the camera is allowed, so it says how here, not "on Hearth's camera page". */}
          {state.needsPermission && (
            <p>If Chrome does not ask, click the camera icon at the right of the address bar, allow the camera, then ask again.</p>
          )}
          <button type="button" class="btn primary" onClick={() => void ask()}>Ask again</button>
        </>
      )}
    </main>
  );
}
