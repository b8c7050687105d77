import type { Page, Worker } from 'playwright-core';
import type { Hearth } from './launch';
import type { GenerateRequest, GenerateStats, HostStatus } from '../../lib/messaging/protocol';

/** Open Hearth's popup page in a tab (the toolbar popup cannot be clicked headless; the page is the same). */
export async function openPopup(hearth: Hearth, path = 'popup.html'): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(hearth.url(path));
  await page.locator('[data-testid=backend][data-engine]:not([data-engine=""])').waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Send a command from an extension page exactly as the UI does (the wire envelope of lib/messaging). A command with
 * no answer in `timeoutMs` fails by name, rather than holding the test until its own timeout says nothing.
 */
export function sendFromPage<T = unknown>(page: Page, to: 'host' | 'background', name: string, payload?: unknown, timeoutMs = 30_000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answer = page.evaluate(
    ([to, name, payload]) => chrome.runtime.sendMessage({ hearth: 1, to, name, payload }),
    [to, name, payload] as const,
  ) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${to} command ${name} had no answer in ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([answer, silence]).finally(() => clearTimeout(timer));
}

/** A command's value from an extension page; its error, as an Error, when it is refused. */
export async function command<T>(page: Page, to: 'host' | 'background', name: string, payload?: unknown): Promise<T> {
  const answer = await sendFromPage<T>(page, to, name, payload);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value;
}

/** The model host's status, as the popup reads it. */
export const hostStatus = (page: Page) => command<HostStatus>(page, 'host', 'llm.status');

export async function showView(page: Page, name: 'Chat' | 'History' | 'Models' | 'Settings') {
  await page.getByRole('button', { name, exact: true }).click();
}

/** Add a GGUF model by URL in the Models view; it becomes the chosen model. */
export async function addModel(page: Page, url: string) {
  await showView(page, 'Models');
  await page.fill('#model-url', url);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator(`[data-testid="model-url:${url}"].current`).waitFor();
}

export async function saveSettings(page: Page, s: { systemPrompt?: string; temperature?: number; maxTokens?: number }) {
  await showView(page, 'Settings');
  if (s.systemPrompt !== undefined) await page.fill('#system-prompt', s.systemPrompt);
  if (s.temperature !== undefined) await page.fill('#temperature', String(s.temperature));
  if (s.maxTokens !== undefined) await page.fill('#max-tokens', String(s.maxTokens));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#prompt').waitFor();
}

export async function send(page: Page, text: string) {
  await showView(page, 'Chat');
  await page.fill('#prompt', text);
  await page.locator('#prompt').press('Enter');
}

export const lastAnswer = (page: Page) => page.locator('[data-testid=msg-assistant]').last();

/**
 * The last answer's text exactly as stored (IndexedDB), before markdown rendering trims it. `where` is any context of
 * Hearth's origin: an extension page, or the service worker (which can read it while no page is open).
 */
export function storedLastAnswer(where: Page | Worker) {
  return (where as Page).evaluate(
    () =>
      new Promise<{ content: string; status?: string } | null>((resolve, reject) => {
        const open = indexedDB.open('hearth-chat', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('conversations').objectStore('conversations').getAll();
          req.onsuccess = () => {
            const all = (req.result as { updatedAt: number; messages: { role: string; content: string; status?: string }[] }[]).sort(
              (a, b) => b.updatedAt - a.updatedAt,
            );
            const m = all[0]?.messages.filter((x) => x.role === 'assistant').at(-1);
            open.result.close();
            resolve(m ? { content: m.content, status: m.status } : null);
          };
        };
      }),
  );
}

/** Files in Hearth's model folder in the origin-private file system, read from an extension page. */
export const modelFiles = (page: Page) =>
  page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('hearth-models', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });

/** How one raw answer over the generate port ended: its text and stats when done, else its error. */
export interface PortAnswer {
  text?: string;
  stats?: GenerateStats;
  error?: { code: string; message: string };
}

/** Raw answers over the generate port from an extension page, as the UI streams them, all started at once. */
export function generateOnPorts(page: Page, requests: GenerateRequest[]): Promise<PortAnswer[]> {
  return page.evaluate(
    (requests) =>
      Promise.all(
        requests.map(
          (request) =>
            new Promise<PortAnswer>((resolve) => {
              const port = chrome.runtime.connect({ name: 'hearth:generate' });
              let text = '';
              port.onMessage.addListener((m) => {
                if (m.type === 'token') text += m.text;
                if (m.type === 'done' || m.type === 'error') {
                  port.disconnect();
                  resolve(m.type === 'done' ? { text, stats: m.stats } : { error: m.error });
                }
              });
              port.postMessage({ type: 'start', request });
            }),
        ),
      ),
    requests,
  );
}

/** The messages a job has sent so far, attached to from `page` as a reopened chat does: its text, then its end. */
export function attachToJob(page: Page, jobId: string) {
  return page.evaluate(
    (jobId) =>
      new Promise<Array<{ type: string; text?: string }>>((resolve) => {
        const port = chrome.runtime.connect({ name: 'hearth:generate' });
        const got: Array<{ type: string; text?: string }> = [];
        port.onMessage.addListener((m: { type: string; text?: string }) => {
          got.push(m);
          if (m.type === 'done' || m.type === 'error') {
            port.disconnect();
            resolve(got);
          }
        });
        port.onDisconnect.addListener(() => resolve(got));
        port.postMessage({ type: 'attach', jobId });
      }),
    jobId,
  );
}

export async function newChat(page: Page) {
  await showView(page, 'Chat');
  await page.getByRole('button', { name: 'New chat' }).click();
}

/** The stats the host stored with the latest conversation's last answer (IndexedDB), once it has ended. */
export function storedLastStats(page: Page) {
  return page.evaluate(
    () =>
      new Promise<GenerateStats | null>((resolve, reject) => {
        const open = indexedDB.open('hearth-chat', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('conversations').objectStore('conversations').getAll();
          req.onsuccess = () => {
            const all = (req.result as { updatedAt: number; messages: { role: string; stats?: GenerateStats }[] }[]).sort((a, b) => b.updatedAt - a.updatedAt);
            resolve(all[0]?.messages.filter((x) => x.role === 'assistant').at(-1)?.stats ?? null);
          };
        };
      }),
  );
}
