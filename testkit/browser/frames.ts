import type { Frame, Page } from 'playwright-core';

/**
 * The first frame of `page` that `match` accepts, as soon as it is there: the page's own frame events wake the wait
 * (no polling clock), so a slow machine only takes longer. Null after `timeout` ms.
 */
export async function waitForFrame(page: Page, match: (f: Frame) => boolean, timeout: number): Promise<Frame | null> {
  const present = () => page.frames().find(match) ?? null;
  return new Promise<Frame | null>((resolve) => {
    const done = (f: Frame | null) => {
      clearTimeout(timer);
      page.off('frameattached', look);
      page.off('framenavigated', look);
      page.off('close', gone);
      resolve(f);
    };
    const look = () => {
      const f = present();
      if (f) done(f);
    };
    const gone = () => done(null);
    const timer = setTimeout(() => done(present()), timeout);
    page.on('frameattached', look);
    page.on('framenavigated', look);
    page.on('close', gone);
    look(); // after subscribing: a frame that came in between is seen either way
  });
}
