const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Plain http lets anyone on the network swap the file for another; only this machine's own server is exempt
 * (nothing sits between), which is what tests and a local model server use.
 */
export function isTrustedModelUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}
