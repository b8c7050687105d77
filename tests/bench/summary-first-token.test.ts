import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../helpers/launch';
import { fileRoute, startServer, type TestServer } from '../helpers/server';
import { makeTinyLlamaGguf } from '../helpers/make-tiny-llama-gguf.mjs';
import { chooseTinyModel, summarizeWithShortcut, waitForSummary } from '../helpers/summary';
import { articlePage, longPage } from '../helpers/summary-pages';
import { measureSelectionFirstToken, type FirstTokenTiming } from '../helpers/summary-timing';

// Click-to-first-token for 1 KB, 100 KB and 1 MB selections with the model warm (tiny test model, Wasm engine).
// Run: npx vitest run -c vitest.bench.config.ts   (prints a table; RUNS=n sets repetitions, default 3)
const SIZES = { '1 KB': 1024, '100 KB': 100 * 1024, '1 MB': 1024 * 1024 };
const RUNS = Number(process.env.RUNS ?? 3);

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  const routes: Record<string, ReturnType<typeof fileRoute>> = {
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })),
    '/article.html': fileRoute(articlePage(), 'text/html'),
  };
  for (const [name, bytes] of Object.entries(SIZES)) routes[`/${bytes}.html`] = fileRoute(longPage(bytes), 'text/html');
  server = await startServer(routes);
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/tiny.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

it('measures click-to-first-token, model warm', async () => {
  const warm = await hearth.context.newPage();
  await warm.goto(`${server.origin}/article.html`);
  await summarizeWithShortcut(hearth, warm, 'page');
  await waitForSummary(warm);
  await warm.close();

  const rows: Array<{ size: string } & FirstTokenTiming> = [];
  for (const [size, bytes] of Object.entries(SIZES)) {
    for (let i = 0; i < RUNS; i++) {
      const page = await hearth.context.newPage();
      await page.goto(`${server.origin}/${bytes}.html`);
      rows.push({ size, ...(await measureSelectionFirstToken(hearth, page, '#long')) });
      await page.close();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const table = Object.keys(SIZES).map((size) => {
    const r = rows.filter((x) => x.size === size);
    return { size, chars: r[0]!.chars, runs: r.length, panelMs: median(r.map((x) => x.panelMs)), firstTokenMs: median(r.map((x) => x.firstTokenMs)), firstTokenIn: r[0]!.firstTokenIn, all: r.map((x) => x.firstTokenMs).join(' ') };
  });
  console.table(table);
  for (const row of table) expect(row.firstTokenMs).toBeGreaterThan(0);
});
