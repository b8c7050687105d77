/** What `ensureOffscreenDocument` needs from the browser, passed in so tests can use WXT's fake browser. */
export interface OffscreenDeps {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
  /** Number of live offscreen documents at `url` (`runtime.getContexts`). */
  countDocuments(url: string): Promise<number>;
  /** Resolves once the document's listeners answer. */
  waitUntilReady(): Promise<void>;
}

export const OFFSCREEN_PATH = '/offscreen.html';

/**
 * Returns an `ensureOffscreenDocument()` that is safe to call repeatedly and concurrently: callers that
 * arrive while the document is being created share that one creation, and a closed document is made anew.
 */
export function createOffscreenEnsurer(deps: OffscreenDeps, url: string = OFFSCREEN_PATH) {
  let inFlight: Promise<{ created: boolean }> | null = null;

  async function createIfMissing(): Promise<{ created: boolean }> {
    if ((await deps.countDocuments(url)) > 0) return { created: false };
    try {
      await deps.createDocument({
        url,
        // WORKERS: llama.cpp and TF.js run in web workers; USER_MEDIA: the pose model reads the camera.
        reasons: ['WORKERS', 'USER_MEDIA'],
        justification: 'Runs the on-device language and pose models so they stay loaded between uses.',
      });
    } catch (err) {
      // Another context of ours won the race; the document exists, which is all we want.
      if (!/single offscreen document/i.test(String((err as Error)?.message))) throw err;
      return { created: false };
    }
    await deps.waitUntilReady();
    return { created: true };
  }

  return function ensureOffscreenDocument(): Promise<{ created: boolean }> {
    inFlight ??= createIfMissing().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
