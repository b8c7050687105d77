import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fakeCameraArgs } from '../../testkit/pose/pose-video';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { framesDrawn, openOverlay } from '../../testkit/browser/pose-overlay';
import { openPopup } from '../../testkit/browser/popup';
import { armRaiseClip, postureClip } from '../../testkit/pose/coach-clips';

const PATTERN = 'FHFHF'; // full, half, full, half, full arm raise (testkit/pose/coach-clips.ts)
const REPS = 3; // the full ones: half reps must not count

let server: TestServer;
let hearth: Hearth | undefined;
beforeAll(async () => {
  server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><h1>A page</h1>', 'text/html') });
});
afterEach(async () => {
  await hearth?.close();
  hearth = undefined;
});
afterAll(async () => server?.close());

async function overlayOn(h: Hearth): Promise<{ page: Page; view: Frame }> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`${server.origin}/page.html`);
  const view = await openOverlay(h, page);
  return { page, view };
}

describe('coach on the pose overlay', () => {
  it(`counts the ${REPS} full arm raises (not the 2 half ones) of a clip played as the camera, keeps the session and exports it as CSV`, async () => {
    // 20 s arms down (the model loads meanwhile), the raises, then 40 s arms down.
    hearth = await launchHearth({ args: fakeCameraArgs(armRaiseClip(PATTERN)) });
    const { page, view } = await overlayOn(hearth);
    await view.getByTestId('coach-mode').selectOption('exercise');
    await view.getByTestId('coach-exercise').selectOption('arm-raise');
    await expect.poll(() => framesDrawn(view), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => view.getByTestId('coach-phase').getAttribute('data-phase'), { timeout: 20_000 }).toBe('rest');
    const count = async () => Number(await view.getByTestId('coach-count').textContent());
    expect(await count()).toBe(0);
    const start = Date.now();
    await expect.poll(count, { timeout: 60_000, interval: 250 }).toBe(REPS);
    console.log(`coach: ${REPS} reps counted ${((Date.now() - start) / 1000).toFixed(1)} s after the first rest pose; ${await framesDrawn(view)} frames drawn`);
    await page.waitForTimeout(6_000); // the tail holds still: no extra rep may appear
    expect(await count()).toBe(REPS);

    await view.getByRole('button', { name: 'Finish' }).click();
    await expect.poll(() => view.getByTestId('coach-last').textContent()).toMatch(new RegExp(`^Last: ${REPS} arm raises in \\d+ s \\([\\d.]+/min\\)$`));
    expect(await count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), view.getByTestId('coach-export').click()]);
    expect(download.suggestedFilename()).toBe('hearth-sessions.csv');
    const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(csv[0]).toBe('exercise,started,ended,reps,seconds,reps_per_minute');
    expect(csv[1]).toMatch(new RegExp(`^arm-raise,\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,${REPS},\\d+,[\\d.]+$`));
    expect(csv).toHaveLength(3); // header, one session, the final line end

    // Stored in IndexedDB of Hearth's own origin: an extension page (not the site) reads the same session.
    const popup = await openPopup(hearth);
    const stored = await popup.evaluate(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = indexedDB.open('hearth-coach', 1);
          req.onsuccess = () => {
            const all = req.result.transaction('sessions').objectStore('sessions').getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    console.log(`coach: the popup sees ${stored.length} stored session(s)`);
    expect(stored).toMatchObject([{ exercise: 'arm-raise', reps: REPS }]);
  });

  it('posture watch: one notification for a sustained slouch, none for a brief one', async () => {
    // Upright 20 s, slouched (shoulders tilted 14°) 2 s, upright 8 s, slouched 10 s, upright 30 s.
    const clip = postureClip([{ upright: 20 }, { tilt: 14, seconds: 2 }, { upright: 8 }, { tilt: 14, seconds: 10 }, { upright: 30 }]);
    hearth = await launchHearth({ args: fakeCameraArgs(clip) });
    const sw = hearth.sw;
    // A 4 s hold, and no quiet hours, whatever the time of day the test runs.
    await sw.evaluate(() => chrome.storage.local.set({ 'hearth:coach-settings': { holdSeconds: 4, quietFrom: '00:00', quietTo: '00:00', minMinutesBetween: 20 } }));
    const { view } = await overlayOn(hearth);
    await view.getByTestId('coach-mode').selectOption('posture');
    await expect.poll(() => view.getByTestId('coach-hold').inputValue()).toBe('4');
    const posture = view.getByTestId('coach-posture');
    const upright = async () => {
      const tilt = await posture.getAttribute('data-tilt');
      return tilt !== null && Math.abs(Number(tilt)) < 4;
    };
    await expect.poll(upright, { timeout: 60_000 }).toBe(true);
    // Calibration takes the last few frames: on a slow machine the first upright frame may still be alone, and the
    // panel then asks to try again, as a user would.
    const note = view.getByTestId('coach-note');
    await expect.poll(async () => {
      await view.getByTestId('coach-calibrate').click();
      return (await note.count()) ? note.textContent() : null;
    }, { timeout: 30_000, interval: 1000 }).toBe('Calibrated');

    const notifications = () => sw.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length);
    // Watch the panel and the worker's notifications together: slouch episodes, and how many notifications each raised.
    const episodes: Array<{ from: number; to?: number; before: number; after?: number }> = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 75_000) {
      const status = await posture.getAttribute('data-status');
      const n = await notifications();
      const open = episodes.at(-1)?.to === undefined ? episodes.at(-1) : undefined;
      if (status === 'slouching' && !open) episodes.push({ from: Date.now(), before: n });
      if (status !== 'slouching' && open) Object.assign(open, { to: Date.now(), after: n });
      if (episodes.length >= 2 && episodes[1]!.to !== undefined) break;
      await view.page().waitForTimeout(200);
    }
    console.log(`coach: slouch episodes ${JSON.stringify(episodes.map((e) => ({ seconds: ((e.to ?? Date.now()) - e.from) / 1000, before: e.before, after: e.after })))}`);
    expect(episodes.length).toBeGreaterThanOrEqual(2);
    const [brief, sustained] = episodes as [(typeof episodes)[0], (typeof episodes)[0]];
    expect(brief.to! - brief.from).toBeLessThan(5_000); // 2 s in the clip, then the 1.5 s grace and polling
    expect([brief.before, brief.after]).toEqual([0, 0]);
    expect(sustained.to! - sustained.from).toBeGreaterThan(8_000);
    expect([sustained.before, sustained.after]).toEqual([0, 1]);
    expect(await view.getByTestId('coach-note').textContent()).toBe('Reminder sent');
  });
});
