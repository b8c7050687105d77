import { describe, expect, it } from 'vitest';
import { cleanPlace, overlayPlaceHandlers, PLACE_KEY } from './overlay-place-entry';

describe('pose.place (the worker keeps the overlay’s place)', () => {
  it('saves and hands back only sane numbers, for the overlay script in a top frame', async () => {
    const data: Record<string, unknown> = {};
    const h = overlayPlaceHandlers({ get: async (k) => ({ [k]: data[k] }), set: async (i) => void Object.assign(data, i) });
    const top = { kind: 'content-script' as const, sender: { url: 'https://a.test/', tab: { id: 1 }, frameId: 0 } };
    expect(await h['pose.place']({}, top)).toEqual({ place: null });
    expect(await h['pose.place']({ save: { left: 10.4, top: 20, width: 300, height: 'x' as never } }, top)).toEqual({ place: { left: 10, top: 20, width: 300 } });
    expect(await h['pose.place']({}, top)).toEqual({ place: { left: 10, top: 20, width: 300 } });
    await expect(h['pose.place']({}, { ...top, sender: { ...top.sender, frameId: 4 } })).rejects.toMatchObject({ code: 'sender-refused' });
    // Whatever is stored is checked again when read.
    data[PLACE_KEY] = { left: -5, top: Infinity, width: 1e9, height: 200 };
    expect(await h['pose.place']({}, top)).toEqual({ place: { height: 200 } });
    expect(cleanPlace('left')).toBeNull();
  });
});
