/**
 * Whether the summary panel should be light or dark on this page. The panel sits on the page, so it follows the
 * page's own darkness, not only the OS theme: a dark site on a light OS got a bright cream panel. Read once when
 * the panel mounts (a page that changes theme later keeps the panel as it was).
 */
export type PanelTheme = 'light' | 'dark';

type Rgba = [number, number, number, number];

/** A computed colour ("rgb(…)" / "rgba(…)") as numbers; null for other colour spaces. */
export function parseRgb(css: string): Rgba | null {
  const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (!m) return null;
  const [r, g, b, a = '1'] = m[1]!.split(/[\s,/]+/).filter(Boolean);
  const out: Rgba = [Number(r), Number(g), Number(b), Number(a)];
  return out.every((x) => Number.isFinite(x)) ? out : null;
}

/** WCAG relative luminance of an sRGB colour (0 black … 1 white). */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

// Below this luminance white text contrasts more than black text does: the page reads as dark.
const DARK_BELOW = 0.18;

/** The first mostly opaque background colour from `el` up; null when an image or gradient is met first, or none. */
function backgroundFrom(el: Element | null, win: Window): Rgba | null {
  for (let e = el; e; e = e.parentElement) {
    const style = win.getComputedStyle(e);
    if (style.backgroundImage && style.backgroundImage !== 'none') return null;
    const c = parseRgb(style.backgroundColor);
    if (c && c[3] > 0.5) return c;
  }
  return null;
}

/**
 * The page's darkness where it shows: the background under a few points of the viewport (the panel's corner and the
 * middle) by majority, then the body's or root's; a page with no colour of its own shows the browser's canvas,
 * which is white unless the page declares a dark colour scheme and the OS prefers dark. Null only when images or
 * gradients cover everything (then the OS theme decides).
 */
export function pageTheme(win: Window, points: Array<{ x: number; y: number }> = []): PanelTheme | null {
  const doc = win.document;
  let dark = 0;
  let light = 0;
  for (const p of points) {
    const c = backgroundFrom(doc.elementFromPoint?.(p.x, p.y) ?? null, win);
    if (c) luminance(c) < DARK_BELOW ? dark++ : light++;
  }
  if (dark !== light) return dark > light ? 'dark' : 'light';
  if (!doc.body) return null;
  for (let e: Element | null = doc.body; e; e = e.parentElement) {
    const style = win.getComputedStyle(e);
    if (style.backgroundImage && style.backgroundImage !== 'none') return null;
    const c = parseRgb(style.backgroundColor);
    if (c && c[3] > 0.5) return luminance(c) < DARK_BELOW ? 'dark' : 'light';
  }
  const scheme = win.getComputedStyle(doc.documentElement).colorScheme ?? '';
  return /dark/.test(scheme) && win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
