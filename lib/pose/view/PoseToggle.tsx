import { useEffect, useState } from 'preact/hooks';
import { sendCommand } from '../../messaging/commands';
import { useShortcuts, withShortcut } from '../../ui-kit/shortcuts';
import { isPageRefusal, targetFromError, targetFromUrl, type PoseTarget } from './pose-target';

type Tab = { id?: number; url?: string; pendingUrl?: string };
type Scripting = { executeScript(i: { target: { tabId: number }; func: () => unknown }): Promise<unknown> };

/**
 * Whether the overlay can go on the tab: from its address when the popup may see it, else by running an empty
 * function there, which Chrome refuses exactly where the real injection would fail (its own pages, about:blank, a
 * page Hearth was not asked from). So the button is disabled and says why before the click, not after it.
 */
async function checkTarget(tab: Tab, scripting: Scripting, retryDelays = [150, 400]): Promise<PoseTarget> {
  const byUrl = targetFromUrl(tab.url ?? tab.pendingUrl);
  if (byUrl.ok !== null || tab.id === undefined) return byUrl;
  for (let i = 0; ; i++) {
    try {
      await scripting.executeScript({ target: { tabId: tab.id }, func: () => true });
      return { ok: true };
    } catch (err) {
      // Chrome can open the popup a moment before it accepts the toolbar click's activeTab grant: ask again first.
      const maybeEarly = /Cannot access contents of the page/i.test((err as Error)?.message ?? '');
      if (maybeEarly && i < retryDelays.length) await new Promise((r) => setTimeout(r, retryDelays[i]));
      else {
        const refusal = targetFromError(err);
        return isPageRefusal(refusal) ? refusal : { ok: null };
      }
    }
  }
}

/** Turns the pose overlay on or off in the tab the popup was opened over, and says when the camera is on. */
export function PoseToggle() {
  const [note, setNote] = useState<{ text: string; detail?: string } | null>(null);
  const [blocked, setBlocked] = useState(false);
  // Whether the tab check has answered (its verdict is `blocked`): tests wait on it instead of a clock.
  const [checked, setChecked] = useState(false);
  const [cameraOn, setCameraOn] = useState(false);
  const shortcuts = useShortcuts();
  useEffect(() => {
    // Only asks a host that is already running; no host means no camera.
    sendCommand(browser.runtime as never, 'host', 'pose.status', undefined).then((s) => setCameraOn(s.active), () => {});
    browser.tabs.query({ active: true, currentWindow: true }).then(async ([tab]) => {
      if (!tab) return;
      const target = await checkTarget(tab, browser.scripting as unknown as Scripting);
      if (target.ok === false) {
        setBlocked(true);
        setNote({ text: target.reason });
      }
    }, () => {}).finally(() => setChecked(true));
  }, []);
  async function toggle() {
    setNote(null);
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) throw new Error('No tab to show the overlay in.');
      await sendCommand(browser.runtime as never, 'background', 'pose.toggle', { tabId: tab.id });
      window.close();
    } catch (e) {
      const refusal = targetFromError(e);
      setNote({ text: refusal.reason, detail: refusal.raw }); // Chrome's own words only on hover, for a bug report
    }
  }
  return (
    <>
      <button
        type="button"
        class="small"
        onClick={() => void toggle()}
        disabled={blocked}
        aria-describedby={note ? 'pose-note' : undefined}
        title={blocked ? note?.text : withShortcut('Camera skeleton overlay on this page', shortcuts, 'toggle-pose')}
        data-testid="pose-toggle"
        data-checked={checked ? 'true' : 'false'}
      >
        Pose overlay{cameraOn && <span class="camera-on" title="The camera is on"> ● camera on</span>}
      </button>
      {note && (
        <p id="pose-note" class={blocked ? 'pose-note' : 'pose-note error'} role={blocked ? 'note' : 'alert'} title={note.detail} data-testid="pose-note">
          {note.text}
        </p>
      )}
    </>
  );
}
