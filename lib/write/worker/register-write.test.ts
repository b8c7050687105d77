import { describe, expect, it } from 'vitest';
import { createWriteEntry, registerWriteEntry, type WriteBrowser } from './register-write';

function fakeBrowser() {
  const injected: Array<Record<string, unknown>> = [];
  const menus: Array<{ id: string; parentId?: string; contexts: string[] }> = [];
  const handlers: { installed?: () => Promise<void> | void; clicked?: (info: never, tab?: never) => void; command?: (c: string, tab?: never) => void } = {};
  const b: WriteBrowser = {
    runtime: { onInstalled: { addListener: (cb) => void (handlers.installed = cb) } },
    contextMenus: { create: (p) => menus.push(p), onClicked: { addListener: (cb) => void (handlers.clicked = cb as never) } },
    commands: { onCommand: { addListener: (cb) => void (handlers.command = cb as never) }, getAll: async () => [{ name: 'write-proofread', shortcut: 'Alt+Shift+P' }] },
    scripting: { executeScript: async (i) => void injected.push(i) },
  };
  return { b, injected, menus, handlers };
}

const tab = { id: 7, url: 'https://mail.example/compose' };

describe('writing help entry', () => {
  it('sets the trigger in the top frame, then injects the panel script there', async () => {
    const { b, injected } = fakeBrowser();
    await createWriteEntry(b)({ kind: 'rewrite', tone: 'formal' }, tab, { pageUrl: tab.url, frameId: 0 });
    expect(injected).toHaveLength(2);
    expect(injected[0]).toMatchObject({ target: { tabId: 7 }, args: [{ action: { kind: 'rewrite', tone: 'formal' } }] });
    expect(injected[1]).toEqual({ target: { tabId: 7 }, files: ['/page-write.js'] });
  });

  it('marks a click in another site’s frame, so the panel says why it cannot help there', async () => {
    const { b, injected } = fakeBrowser();
    await createWriteEntry(b)({ kind: 'proofread' }, tab, { pageUrl: tab.url, frameId: 3, frameUrl: 'https://editor.other/frame' });
    expect(injected[0]).toMatchObject({ args: [{ action: { kind: 'proofread' }, otherOriginFrame: true }] });
  });

  it('injects nothing where Chrome lets no script run', async () => {
    const { b, injected } = fakeBrowser();
    const logged: string[] = [];
    await createWriteEntry(b, (m) => logged.push(m))({ kind: 'proofread' }, { id: 7, url: 'chrome://settings' });
    expect(injected).toHaveLength(0);
    expect(logged[0]).toMatch(/cannot run/);
  });

  it('registers its menu in editable fields only, with the shortcut on Proofread, and answers only its own items and command', async () => {
    const { b, injected, menus, handlers } = fakeBrowser();
    registerWriteEntry(b);
    await handlers.installed!();
    expect(menus.every((m) => m.contexts.join() === 'editable')).toBe(true);
    expect(menus[0]).toMatchObject({ id: 'hearth-write:proofread', title: 'Proofread (Alt+Shift+P)' });
    handlers.clicked!({ menuItemId: 'hearth-summarize-selection' } as never, tab as never);
    handlers.command!('summarize-page', tab as never);
    handlers.command!('write-proofread', tab as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(injected).toHaveLength(2);
    expect(injected[0]).toMatchObject({ args: [{ action: { kind: 'proofread' } }] });
  });
});
