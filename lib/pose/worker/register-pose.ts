import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';

export const POSE_MENU = 'hearth-pose-overlay';
export const POSE_COMMAND = 'toggle-pose';
const SCRIPT = '/page-pose-overlay.js';

/** The extension APIs the pose entry points use (WXT's `browser`). */
export interface PoseBrowser {
  runtime: { onInstalled: { addListener(cb: () => void): void } };
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['page'] }): unknown;
    onClicked: { addListener(cb: (info: { menuItemId: string | number }, tab?: { id?: number }) => void): void };
  };
  commands: { onCommand: { addListener(cb: (command: string, tab?: { id?: number }) => void): void } };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown> };
}

/** Records that the user asked for the overlay in a tab (see lib/pose/worker/pose-grants.ts). */
export type ExpectOverlay = (tabId: number) => Promise<unknown>;

/**
 * Toggle the overlay in a tab: note that the user asked for it there (so its camera view may be granted), then
 * inject the overlay script, which adds the overlay or removes it. Retried while Chrome's activeTab grant settles
 * (a refused injection ran nothing, so a retry cannot toggle twice).
 */
export async function togglePoseIn(b: Pick<PoseBrowser, 'scripting'>, tabId: number, expectOverlay: ExpectOverlay, delays?: number[]) {
  await expectOverlay(tabId);
  return retryWhileGrantSettles(() => b.scripting.executeScript({ target: { tabId }, files: [SCRIPT] }), delays);
}

/** Menu item and shortcut for the pose overlay (the popup has a button too). */
export function registerPoseEntry(b: PoseBrowser, expectOverlay: ExpectOverlay, log: (m: string) => void = console.warn): void {
  const toggle = (tab?: { id?: number }) => {
    if (tab?.id === undefined || tab.id < 0) return;
    togglePoseIn(b, tab.id, expectOverlay).catch((err) => log(`Could not show the pose overlay in tab ${tab.id}: ${(err as Error).message}`));
  };
  b.runtime.onInstalled.addListener(() => b.contextMenus.create({ id: POSE_MENU, title: 'Pose overlay (camera) on / off', contexts: ['page'] }));
  b.contextMenus.onClicked.addListener((info, tab) => info.menuItemId === POSE_MENU && toggle(tab));
  b.commands.onCommand.addListener((command, tab) => command === POSE_COMMAND && toggle(tab));
}
