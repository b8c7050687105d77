// Whether the pose overlay can go on the popup's tab, said before the click where the popup can tell, and Chrome's
// refusals turned into plain words where it cannot (never "Cannot access a chrome:// URL" in the toolbar).

/** `ok: null`: the popup cannot tell (the tab's address is hidden from it); the click will find out. */
export type PoseTarget = { ok: true } | { ok: false; reason: string } | { ok: null };

export const NEEDS_WEB_PAGE = 'The pose overlay needs a web page. Open a website and turn it on from there (Alt+Shift+O).';
export const NEEDS_FILE_ACCESS = 'For a file on this computer, turn on “Allow access to file URLs” for Hearth in chrome://extensions.';
export const COULD_NOT = 'The pose overlay could not start on this page.';

/** From the tab's address, when the popup may see it (activeTab after a toolbar click). */
export function targetFromUrl(url: string | undefined): PoseTarget {
  if (!url) return { ok: null };
  if (/^https?:/i.test(url)) return { ok: true };
  if (/^file:/i.test(url)) return { ok: null }; // allowed only if the user let Hearth read files: the click tells
  // chrome://, chrome-extension://, about:, data:, view-source:, devtools:, the Web Store…: Chrome keeps extensions out.
  return { ok: false, reason: NEEDS_WEB_PAGE };
}

/**
 * From Chrome's refusal to run a script in the tab (a probe, or the real injection). "Cannot access contents of the
 * page" is what Chrome says both for about:blank and for a web page Hearth was not asked from (no activeTab grant):
 * either way the fix is a web page, turned on from there.
 */
export function targetFromError(err: unknown): { ok: false; reason: string; raw: string } {
  const raw = (err as Error)?.message ?? String(err);
  const reason = /Cannot access contents of url "file:/i.test(raw)
    ? NEEDS_FILE_ACCESS
    : /Cannot access a chrome|chrome-extension:\/\/|extensions gallery|Cannot access contents of (url|the page)|must request permission/i.test(raw)
      ? NEEDS_WEB_PAGE
      : COULD_NOT;
  return { ok: false, reason, raw };
}

/** A refusal about the page itself (not a passing failure): the button can say so before the click. */
export const isPageRefusal = (t: { reason: string }) => t.reason !== COULD_NOT;
