/**
 * Tell when the overlay is out of the user's sight while its camera runs. The camera view is an extension page in
 * an iframe the page hosts, so the page can cover it, make it transparent, filter or shrink it. Chrome's
 * IntersectionObserver v2 (`trackVisibility`) computes, in the browser, whether the target is really shown
 * unobscured and untransformed; the page cannot answer for it. After `graceMs` of not being seen, `onHidden` runs.
 */
/**
 * How much of the view's own viewport the page really shows. The target (the view's body) may be taller than the
 * frame (the coach panel open): its ratio would then say nothing about the frame, so this compares the shown part
 * with the part inside the frame's viewport.
 */
function shownFraction(e: IntersectionObserverEntry, win: Window): number {
  const b = e.boundingClientRect;
  const inFrame = Math.max(0, Math.min(b.right, win.innerWidth) - Math.max(b.left, 0)) * Math.max(0, Math.min(b.bottom, win.innerHeight) - Math.max(b.top, 0));
  if (inFrame <= 0) return 0;
  return (e.intersectionRect.width * e.intersectionRect.height) / inFrame;
}

export function watchVisible(win: Window & typeof globalThis, target: Element, onHidden: () => void, graceMs = 1500): () => void {
  if (!('IntersectionObserver' in win)) return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const io = new win.IntersectionObserver(
    (entries) => {
      const e = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
      if (!e) return;
      // A hidden tab renders nothing and reports nothing: its last state stands (the user switched tabs).
      const seen = e.isIntersecting && shownFraction(e, win) >= 0.5 && e.isVisible !== false;
      if (seen) {
        clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined) timer = setTimeout(onHidden, graceMs);
    },
    { threshold: [0, 0.5, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  io.observe(target);
  return () => {
    io.disconnect();
    clearTimeout(timer);
  };
}
