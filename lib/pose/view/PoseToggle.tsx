import { useEffect, useState } from 'preact/hooks';
import { sendCommand } from '../../messaging/commands';
import { useShortcuts, withShortcut } from '../../ui/shortcuts';

/** Turns the pose overlay on or off in the tab the popup was opened over, and says when the camera is on. */
export function PoseToggle() {
  const [error, setError] = useState<string | null>(null);
  const [cameraOn, setCameraOn] = useState(false);
  const shortcuts = useShortcuts();
  useEffect(() => {
    // Only asks a host that is already running; no host means no camera.
    sendCommand(browser.runtime as never, 'host', 'pose.status', undefined).then((s) => setCameraOn(s.active), () => {});
  }, []);
  async function toggle() {
    setError(null);
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) throw new Error('No tab to show the overlay in.');
      await sendCommand(browser.runtime as never, 'background', 'pose.toggle', { tabId: tab.id });
      window.close();
    } catch (e) {
      setError(`The pose overlay cannot run on this page: ${(e as Error).message}`);
    }
  }
  return (
    <>
      <button type="button" class="small" onClick={() => void toggle()} title={withShortcut('Camera skeleton overlay on this page', shortcuts, 'toggle-pose')} data-testid="pose-toggle">
        Pose overlay{cameraOn && <span class="camera-on" title="The camera is on"> ● camera on</span>}
      </button>
      {error && <span class="error" role="alert">{error}</span>}
    </>
  );
}
