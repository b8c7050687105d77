// `npm run demo`: the pose overlay, headless, with no camera and no network. A sample clip plays as the webcam,
// the overlay opens on a sample page with the real shortcut, and a screenshot and the FPS are the result.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { EXTENSION_DIR, launchHearth } from '../testkit/browser/launch';
import { fileRoute, startServer } from '../testkit/browser/server';
import { pressShortcut } from '../testkit/browser/shortcut';
import { fakeCameraArgs, poseY4m } from '../testkit/pose/pose-video';

const out = resolve(process.argv.slice(2).find((a) => a.endsWith('.png')) ?? 'pose-demo.png');
if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) execSync('npx wxt build', { stdio: 'inherit' });
console.log('Converting the sample clip (tfjs-models pose_1.mp4) into a fake camera feed…');
const hearth = await launchHearth({ args: fakeCameraArgs(poseY4m()) });
const server = await startServer({
  '/': fileRoute(
    `<!doctype html><title>Hearth demo</title><body style="font:18px system-ui;margin:40px;max-width:700px">
     <h1>A page like any other</h1><p>Hearth's pose overlay floats over it. The camera is a sample clip; the
     skeleton is MoveNet running in Hearth's offscreen model host.</p></body>`,
    'text/html',
  ),
});
try {
  const page = await hearth.context.newPage();
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.goto(`${server.origin}/`);
  await pressShortcut(hearth.context, page, 'Alt+Shift+O');
  let view = null;
  for (let i = 0; i < 100 && !view; i++) {
    view = page.frames().find((f) => f.url().endsWith('/pose-view.html')) ?? null;
    await page.waitForTimeout(100);
  }
  if (!view) throw new Error('The overlay did not open.');
  const readout = view.getByTestId('pose-readout');
  await readout.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(8000); // let it run
  const text = await readout.textContent();
  await page.screenshot({ path: out });
  console.log(`Pose overlay: ${text}`);
  console.log(`Screenshot: ${out}`);
} finally {
  await hearth.close();
  await server.close();
}
