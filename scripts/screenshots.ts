// `npm run screenshots`: docs/screenshots/{popup,sidepanel,summary-panel,overlay}-{light,dark}.png from the built
// extension (the npm script builds it first) in headless Chromium. The model is the tiny echo GGUF and the camera a
// still frame of the sample clip, so the text is the same on every run (the overlay's FPS figure is measured, and
// varies). The in-page views sit on a sample news page: light, and a dark site for the dark pictures.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchHearth } from '../testkit/browser/launch';
import { fileRoute, startServer } from '../testkit/browser/server';
import { makeTinyLlamaGguf } from '../testkit/models/tiny-llama-gguf';
import { chooseTinyModel } from '../testkit/browser/summary';
import { fakeCameraArgs, poseY4m } from '../testkit/pose/pose-video';
import { pageWithOverlay, pageWithSummary, popupWithAnswer, sidePanelWithSummary, viewsPage, type Scheme } from '../testkit/browser/views';

const outDir = resolve(import.meta.dirname, '../docs/screenshots');
mkdirSync(outDir, { recursive: true });

const server = await startServer({
  '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength: 2048 })),
  '/light.html': fileRoute(viewsPage('light'), 'text/html; charset=utf-8'),
  '/dark.html': fileRoute(viewsPage('site-dark'), 'text/html; charset=utf-8'),
});
const hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(0)) });
const shots: string[] = [];
async function shoot(page: Page, name: string) {
  const path = `${outDir}/${name}.png`;
  await page.mouse.move(0, 0); // no hover state in the picture
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  shots.push(path);
  await page.close();
}
try {
  await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
  for (const scheme of ['light', 'dark'] as Scheme[]) {
    const site = `${server.origin}/${scheme}.html`;
    await shoot(await popupWithAnswer(hearth, scheme), `popup-${scheme}`);
    await shoot(await sidePanelWithSummary(hearth, scheme), `sidepanel-${scheme}`);
    await shoot(await pageWithSummary(hearth, site, scheme), `summary-panel-${scheme}`);
    const overlay = await pageWithOverlay(hearth, site, scheme);
    await overlay.page.waitForTimeout(1500); // a few frames drawn: the readout shows figures
    await shoot(overlay.page, `overlay-${scheme}`);
  }
  console.log(`Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
} finally {
  await hearth.close();
  await server.close();
}
