// Probe: keep the real overlay running on a page for a while (run a CPU sampler meanwhile); prints the view's FPS.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { launchHearth } from '../../testkit/browser/launch';
import { startServer, fileRoute } from '../../testkit/browser/server';
import { openOverlay } from '../../testkit/browser/pose-overlay';
import { fakeCameraArgs, poseY4m } from '../../testkit/pose/pose-video';

const server = await startServer({ '/page.html': fileRoute('<!doctype html><title>A page</title><h1>A page</h1>', 'text/html') });
const hearth = await launchHearth({ args: fakeCameraArgs(poseY4m()) });
const page = await hearth.context.newPage();
await page.goto(`${server.origin}/page.html`);
const view = await openOverlay(hearth, page);
const drawn = () => view.evaluate(() => Number(document.querySelector('canvas')?.dataset.frames ?? 0)).catch(() => 0);
while ((await drawn()) < 30) await page.waitForTimeout(500);
await page.waitForTimeout(3000);
const f0 = await drawn();
const t0 = Date.now();
console.log(execFileSync('python3', [resolve(import.meta.dirname, 'thread-cpu.py'), '10', String(process.pid)], { encoding: 'utf8' }));
const fps = ((await drawn()) - f0) / ((Date.now() - t0) / 1000);
console.log('view FPS', fps.toFixed(1), 'readout', await view.getByTestId('pose-readout').textContent());
await hearth.close();
await server.close();
