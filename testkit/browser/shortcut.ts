import type { BrowserContext, Page } from 'playwright-core';
import type { Hearth } from './launch';

const MODIFIERS = { Alt: 1, Control: 2, Meta: 4, Shift: 8 } as const;

/**
 * Press a keyboard shortcut the way a user does, so Chrome runs the extension command and grants activeTab.
 * Playwright's `keyboard.press` sends `keyDown` events that Chrome does not match against extension shortcuts;
 * a raw CDP `rawKeyDown` goes through the browser's accelerator handling (checked on Chromium 156).
 */
export async function pressShortcut(context: BrowserContext, page: Page, shortcut: string): Promise<void> {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toUpperCase();
  const modifiers = parts.reduce((m, p) => m | MODIFIERS[p as keyof typeof MODIFIERS], 0);
  const code = key.charCodeAt(0);
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  try {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', { type, modifiers, key, code: `Key${key}`, windowsVirtualKeyCode: code, nativeVirtualKeyCode: code });
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** How long Chrome may take to hand a pressed shortcut to the worker on a loaded machine before it counts as dropped. */
const COMMAND_WAIT_MS = 10_000;

/**
 * Press the shortcut of an extension command (not `_execute_action`, which fires no event) until the worker has seen
 * Chrome run it: a synthetic key is now and then dropped. The wait is on the worker's own `onCommand` event, not a
 * clock, so a slow machine is not mistaken for a dropped key (a second press would toggle the pose overlay back off).
 */
export async function pressCommand(hearth: Hearth, page: Page, shortcut: string): Promise<void> {
  const count = () =>
    hearth.sw.evaluate(() => {
      const g = self as unknown as { hearthTestCommands?: number; hearthTestCommandSeen?: Array<() => void> };
      if (g.hearthTestCommands === undefined) {
        g.hearthTestCommands = 0;
        g.hearthTestCommandSeen = [];
        chrome.commands.onCommand.addListener(() => {
          g.hearthTestCommands! += 1;
          for (const wake of g.hearthTestCommandSeen!.splice(0)) wake();
        });
      }
      return g.hearthTestCommands;
    });
  const before = await count();
  // Resolves once the counter passes `before`, or with false after `ms` (then the key was dropped).
  const seen = (ms: number) =>
    hearth.sw.evaluate(([before, ms]) => {
      const g = self as unknown as { hearthTestCommands: number; hearthTestCommandSeen: Array<() => void> };
      return new Promise<boolean>((resolve) => {
        if (g.hearthTestCommandSeen === undefined) return resolve(false); // a restarted worker: press again
        if (g.hearthTestCommands > before) return resolve(true);
        const timer = setTimeout(() => resolve(g.hearthTestCommands > before), ms);
        g.hearthTestCommandSeen.push(() => { clearTimeout(timer); resolve(true); });
      });
    }, [before, ms] as const);
  for (let attempt = 0; attempt < 3; attempt++) {
    await pressShortcut(hearth.context, page, shortcut);
    if (await seen(COMMAND_WAIT_MS)) return;
  }
  throw new Error(`Chrome did not run the ${shortcut} command.`);
}
