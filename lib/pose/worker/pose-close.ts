import { SenderRefusedError } from '../../messaging/errors';
import type { CommandContext } from '../../messaging/commands';

/** What closing needs: running a function in Hearth's isolated world of the tab (scripting.executeScript). */
export interface PoseCloseBrowser {
  scripting: { executeScript(injection: { target: { tabId: number; frameIds?: number[] }; func: () => void }): Promise<unknown> };
}

/**
 * The camera view's Turn off / × / Esc. The view has already stopped its camera and left the host's session (the
 * host releases the camera when no view is left); this removes the overlay from the page. It goes through the worker
 * because a page can swallow any message or event in its own window before the overlay script sees it
 * (docs/ARCHITECTURE.md "Trust"); `executeScript` runs in the overlay's isolated world, where the page cannot reach.
 */
export function poseCloseHandlers(b: PoseCloseBrowser, viewUrl: string, isOwnView: (tabId: number, frameId?: number) => Promise<boolean>) {
  return {
    'pose.close': async (_: void, { kind, sender }: CommandContext) => {
      if (kind !== 'pose-view' || sender.tab?.id === undefined || sender.url?.split(/[?#]/)[0] !== viewUrl) {
        throw new SenderRefusedError('Only Hearth’s camera view inside a page may close its overlay.');
      }
      // A view a page framed beside the real one (it never got the camera) does not close the user's overlay.
      if (!(await isOwnView(sender.tab.id, sender.frameId))) throw new SenderRefusedError('This camera view is not the one Hearth opened here.');
      // The overlay lives in the top frame (register-pose.ts injects it there).
      await b.scripting.executeScript({
        target: { tabId: sender.tab.id, frameIds: [0] },
        func: () => {
          const state = (globalThis as { __hearthPoseOverlay?: { overlay?: HTMLElement } }).__hearthPoseOverlay;
          state?.overlay?.remove();
          if (state) state.overlay = undefined;
        },
      });
      return { ok: true as const };
    },
  };
}
