import type { Page } from 'playwright-core';
import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { summarize, type Summary } from '../stats';

const SIZES = { small: 100, '64KB': 64 * 1024, '1MB': 1024 * 1024 } as const;
export type Route = 'popup → background (command)' | 'popup → offscreen host (command)' | 'popup → offscreen host (generate port)';
export type MessagingFigures = Record<Route, Record<keyof typeof SIZES, Summary>>;

/** Round trips over the routes Hearth really uses, with the payload going out and a small answer coming back. */
function roundTrip(page: Page, route: Route, bytes: number): Promise<number> {
  return page.evaluate(
    ([route, bytes]) => {
      const data = 'x'.repeat(bytes);
      const t0 = performance.now();
      if (route === 'popup → offscreen host (generate port)') {
        // A start whose options are invalid: the host reads the whole request, refuses it, and answers at once.
        return new Promise<number>((resolve) => {
          const port = chrome.runtime.connect({ name: 'hearth:generate' });
          port.onMessage.addListener(() => {
            port.disconnect();
            resolve(performance.now() - t0);
          });
          port.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt: data }, options: { maxTokens: -1 } } });
        });
      }
      const [to, name] = route.includes('background') ? ['background', 'host.ensure'] : ['host', 'host.ping'];
      return chrome.runtime.sendMessage({ hearth: 1, to, name, payload: data }).then(() => performance.now() - t0);
    },
    [route, bytes] as const,
  );
}

export async function runMessaging(ctx: BenchContext, o: BenchOptions): Promise<MessagingFigures> {
  const routes: Route[] = ['popup → background (command)', 'popup → offscreen host (command)', 'popup → offscreen host (generate port)'];
  const runs = Math.max(o.runs, 5);
  const result = {} as MessagingFigures;
  for (const route of routes) {
    await roundTrip(ctx.popup, route, 10); // warm the route
    result[route] = {} as MessagingFigures[Route];
    for (const [label, bytes] of Object.entries(SIZES) as [keyof typeof SIZES, number][]) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await roundTrip(ctx.popup, route, bytes));
      result[route][label] = summarize(times);
    }
  }
  return result;
}
