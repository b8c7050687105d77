import type { Page } from 'playwright-core';
import type { GenerateStats } from '../lib/messaging/protocol';
import { command } from '../testkit/browser/popup';

export interface ExtensionRun {
  text: string;
  /** From the port message leaving the page to the first token arriving back in it. */
  ttftMs: number;
  stats: GenerateStats;
}

/** Choose a GGUF model by URL, through the same commands the popup uses. */
export async function selectModel(page: Page, url: string, contextTokens = 2048, threads?: number) {
  await command(page, 'background', 'host.ensure');
  await command(page, 'host', 'llm.select', { model: { id: `url:${url}`, label: 'bench model', engine: 'cpu', source: url, contextTokens, custom: true, ...(threads ? { threads } : {}) } });
}

/** One raw completion over the real generate port, greedy. */
export function generateInExtension(page: Page, prompt: string, maxTokens: number): Promise<ExtensionRun> {
  return page.evaluate(
    ([prompt, maxTokens]) =>
      new Promise<ExtensionRun>((resolve, reject) => {
        const port = chrome.runtime.connect({ name: 'hearth:generate' });
        let first: number | null = null;
        let text = '';
        const t0 = performance.now();
        port.onMessage.addListener((m) => {
          if (m.type === 'token') {
            first ??= performance.now();
            text += m.text;
          } else if (m.type === 'done') {
            port.disconnect();
            resolve({ text, ttftMs: (first ?? performance.now()) - t0, stats: m.stats });
          } else if (m.type === 'error') {
            port.disconnect();
            reject(new Error(m.error.message));
          }
        });
        port.postMessage({ type: 'start', request: { input: { kind: 'completion', prompt }, options: { temperature: 0, maxTokens } } });
      }),
    [prompt, maxTokens] as const,
  );
}
