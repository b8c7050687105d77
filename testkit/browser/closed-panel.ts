import type { CDPSession, Frame, Page } from 'playwright-core';

/**
 * The summary panel lives in a closed shadow root, so neither page scripts nor Playwright's locators can reach it.
 * Tests reach it the way DevTools does: the protocol describes closed roots too (`DOM.describeNode` with
 * `pierce`), and `DOM.resolveNode` gives a handle to call functions on. `target` is a page, or an out-of-process
 * frame (Chrome has one DevTools session per process).
 */
export type PanelTarget = Page | Frame;

const isPage = (t: PanelTarget): t is Page => 'context' in t;

// The default finds the summary panel or writing help's (one panel at a time in a test).
async function onRoot<T>(target: PanelTarget, fn: string, arg: unknown = null, tag = 'hearth-summary, hearth-write'): Promise<T> {
  const page = isPage(target) ? target : target.page();
  const cdp: CDPSession = await page.context().newCDPSession(target);
  try {
    await cdp.send('DOM.enable');
    const { result: host } = await cdp.send('Runtime.evaluate', {
      expression: `[...document.querySelectorAll(${JSON.stringify(tag)})].at(-1) ?? null`,
    });
    let rootId: string | undefined;
    if (host.objectId) {
      const { node } = await cdp.send('DOM.describeNode', { objectId: host.objectId, depth: 1, pierce: true });
      const root = node.shadowRoots?.[0];
      if (root) rootId = (await cdp.send('DOM.resolveNode', { backendNodeId: root.backendNodeId })).object.objectId;
    }
    // Run `fn(root, arg)` with the root; on Hearth's own pages (the side panel), which show the same view
    // without a shadow root, with the document.
    const call = rootId
      ? await cdp.send('Runtime.callFunctionOn', {
          objectId: rootId,
          functionDeclaration: `function (arg) { return (${fn})(this, arg); }`,
          arguments: [{ value: arg }],
          returnByValue: true,
          awaitPromise: true,
        })
      : await cdp.send('Runtime.evaluate', { expression: `(${fn})(document, ${JSON.stringify(arg)})`, returnByValue: true, awaitPromise: true });
    if (call.exceptionDetails) throw new Error(call.exceptionDetails.exception?.description ?? call.exceptionDetails.text);
    return call.result.value as T;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** `evaluateInPanel` for the panel element named `tag` (the translation panel is `hearth-translate`). */
export function evaluateInTaggedPanel<T, A = null>(target: PanelTarget, tag: string, fn: (root: ShadowRoot | Document, arg: A) => T, arg?: A): Promise<Awaited<T>> {
  return onRoot<Awaited<T>>(target, fn.toString(), arg ?? null, tag);
}

/** Like `page.evaluate`, with the panel's closed shadow root (the document when there is no panel) as the first argument. */
export function evaluateInPanel<T, A = null>(target: PanelTarget, fn: (root: ShadowRoot | Document, arg: A) => T, arg?: A): Promise<Awaited<T>> {
  return onRoot<Awaited<T>>(target, fn.toString(), arg ?? null);
}

const sel = (testId: string) => `[data-testid=${JSON.stringify(testId)}]`;

/** Where the frame's content starts in the page (0,0 for the page itself). */
async function frameOffset(target: PanelTarget): Promise<{ x: number; y: number }> {
  if (isPage(target) || !target.parentFrame()) return { x: 0, y: 0 };
  const el = await target.frameElement();
  const box = (await el.boundingBox())!;
  const inner = await el.evaluate((f) => ({ x: (f as Element).clientLeft, y: (f as Element).clientTop }));
  return { x: box.x + inner.x, y: box.y + inner.y };
}

/** One part of the panel, by its data-testid: the few Locator methods the tests use. */
export function panelPart(target: PanelTarget, testId: string) {
  const s = sel(testId);
  const box = async () => {
    const r = await onRoot<{ x: number; y: number; width: number; height: number } | null>(target, `(root, s) => {
      const el = root?.querySelector(s); if (!el) return null;
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height };
    }`, s);
    if (!r) return null;
    const o = await frameOffset(target);
    return { ...r, x: r.x + o.x, y: r.y + o.y };
  };
  const page = isPage(target) ? target : target.page();
  return {
    textContent: () => onRoot<string | null>(target, '(root, s) => root?.querySelector(s)?.textContent ?? null', s),
    getAttribute: (name: string) =>
      onRoot<string | null>(target, '(root, [s, n]) => root?.querySelector(s)?.getAttribute(n) ?? null', [s, name]),
    count: () => onRoot<number>(target, '(root, s) => root ? root.querySelectorAll(s).length : 0', s),
    boundingBox: box,
    focus: () => onRoot<void>(target, '(root, s) => root.querySelector(s).focus()', s),
    /** A real (trusted) click in the middle of the element, as a user makes. */
    async click() {
      const b = await box();
      if (!b) throw new Error(`The panel has no ${s}.`);
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    },
    /** Choose an option as a user does: the value changes and the select fires input and change. */
    selectOption: (value: string) =>
      onRoot<void>(target, `(root, [s, v]) => { const el = root.querySelector(s); el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); }`, [s, value]),
    async waitFor({ timeout = 30_000 } = {}) {
      const deadline = Date.now() + timeout;
      while (!(await this.count())) {
        if (Date.now() > deadline) throw new Error(`The panel did not show ${s} within ${timeout} ms.`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
