/**
 * Chrome can deliver the command (with the tab's URL already visible) a moment before `executeScript` accepts
 * the activeTab grant: seen in about one injection in four in the end-to-end tests, and always fixed by a retry
 * 150 ms later. Only that refusal is retried; a page that really is closed to us fails after the last delay.
 */
export async function retryWhileGrantSettles<T>(run: () => Promise<T>, delays = [150, 400]): Promise<T> {
  for (const delay of delays) {
    try {
      return await run();
    } catch (err) {
      if (!/Cannot access contents of the page/i.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  return run();
}
