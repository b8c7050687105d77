import { describe, expect, it, vi } from 'vitest';
import { createHostEnsurer } from './ensure-host';

describe('ensureHost', () => {
  it('a caller arriving while a new host is being configured waits until it is configured', async () => {
    let docs = 0;
    let configured = false;
    const ensureDocument = vi.fn(async () => (docs++ === 0 ? { created: true } : { created: false }));
    const configure = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 30)); // the device measurement
      configured = true;
    });
    const ensure = createHostEnsurer(ensureDocument, configure);
    const first = ensure();
    await new Promise((r) => setTimeout(r, 5));
    const second = ensure().then(() => configured);
    expect(await second).toBe(true);
    await first;
    expect(configure).toHaveBeenCalledOnce();
  });

  it('checks the document again once done (a closed host is made and configured anew)', async () => {
    const ensureDocument = vi.fn(async () => ({ created: true }));
    const configure = vi.fn(async () => {});
    const ensure = createHostEnsurer(ensureDocument, configure);
    await ensure();
    await ensure();
    expect(ensureDocument).toHaveBeenCalledTimes(2);
    expect(configure).toHaveBeenCalledTimes(2);
  });
});
