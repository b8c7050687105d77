/**
 * `host.ensure` as every caller needs it: the offscreen document exists AND, when it was just made, it has been
 * configured (settings, then the chosen model — on first run after the device measurement, which takes seconds).
 * Callers that arrive while that runs wait for all of it: otherwise a summary started while the popup's first
 * `host.ensure` was still measuring read a host with no model yet and said "No model is chosen yet".
 */
export function createHostEnsurer(ensureDocument: () => Promise<{ created: boolean }>, configureNewHost: () => Promise<unknown>) {
  let ready: Promise<{ created: boolean }> | null = null;
  return function ensureHost(): Promise<{ created: boolean }> {
    ready ??= (async () => {
      const result = await ensureDocument();
      if (result.created) await configureNewHost();
      return result;
    })().finally(() => {
      ready = null;
    });
    return ready;
  };
}
