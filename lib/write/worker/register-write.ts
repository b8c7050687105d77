import type { WriteAction, WriteTrigger } from '../../messaging/protocol';
import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';
import { whyCannotInject } from '../../tabs/restricted-pages';
import { inOtherOriginFrame, type ClickInfo, type TabLike } from '../../summarize/worker/summary-entry';
import { commandKeys } from '../../page-panel/worker/menu-pair';
import { actionOfMenuItem, WRITE_COMMAND, writeMenuItems } from '../menu';

/** The extension APIs writing help's entry points use (WXT's `browser`). */
export interface WriteBrowser {
  runtime: { onInstalled: { addListener(cb: () => void): void } };
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['editable']; parentId?: string }): unknown;
    onClicked: { addListener(cb: (info: { menuItemId: string | number } & ClickInfo, tab?: TabLike) => void): void };
  };
  commands: {
    onCommand: { addListener(cb: (command: string, tab?: TabLike) => void): void };
    getAll?(): Promise<{ name?: string; shortcut?: string }[]>;
  };
  scripting: { executeScript(injection: Record<string, unknown>): Promise<unknown> };
}

const SCRIPT = '/page-write.js';

/**
 * Ask for writing help in a tab: set the trigger in the top frame's isolated world, then inject the panel's script
 * there (it finds the field itself, through same-origin frames). A click in another site's frame is still answered
 * in the top frame, where the panel says why Hearth cannot reach that field.
 */
export function createWriteEntry(b: Pick<WriteBrowser, 'scripting'>, log: (m: string) => void = (m) => console.warn(m)) {
  return async function write(action: WriteAction, tab: TabLike | undefined, info: ClickInfo = {}): Promise<void> {
    if (tab?.id === undefined || tab.id < 0) return;
    const url = info.pageUrl ?? tab.url;
    // Chrome's own pages and the Web Store: no script may run there (and they have no fields worth it).
    if (url && whyCannotInject(url)) return log(`Writing help cannot run on ${url}.`);
    const trigger: WriteTrigger = { action, ...(inOtherOriginFrame(info) ? { otherOriginFrame: true } : {}) };
    const target = { tabId: tab.id };
    try {
      await retryWhileGrantSettles(() => b.scripting.executeScript({
        target,
        func: (t: WriteTrigger) => void ((globalThis as { __hearthWriteTrigger?: WriteTrigger }).__hearthWriteTrigger = t),
        args: [trigger],
      }));
      await b.scripting.executeScript({ target, files: [SCRIPT] });
    } catch (err) {
      log(`Injecting writing help failed: ${(err as Error).message}`);
    }
  };
}

/** Writing help's menu items (editable fields only) and its Proofread shortcut. */
export function registerWriteEntry(b: WriteBrowser): void {
  const write = createWriteEntry(b);
  b.runtime.onInstalled.addListener(async () => {
    const keys = await commandKeys(b.commands);
    for (const item of writeMenuItems(keys[WRITE_COMMAND] || undefined)) b.contextMenus.create({ ...item, contexts: ['editable'] });
  });
  b.contextMenus.onClicked.addListener((info, tab) => {
    const action = actionOfMenuItem(info.menuItemId);
    if (action) void write(action, tab, info);
  });
  b.commands.onCommand.addListener((command, tab) => {
    if (command === WRITE_COMMAND) void write({ kind: 'proofread' }, tab);
  });
}
