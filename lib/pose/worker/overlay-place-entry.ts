import { SenderRefusedError } from '../../messaging/errors';
import type { CommandContext } from '../../messaging/commands';
import type { OverlayPlace } from '../../messaging/protocol';

export const PLACE_KEY = 'hearth:pose-overlay-place';

export interface PlaceStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Only finite, sane numbers are kept or handed out (what is stored is checked again when read). */
export function cleanPlace(v: unknown): OverlayPlace | null {
  if (!v || typeof v !== 'object') return null;
  const out: OverlayPlace = {};
  for (const k of ['left', 'top', 'width', 'height'] as const) {
    const n = (v as Record<string, unknown>)[k];
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100_000) out[k] = Math.round(n);
  }
  return Object.keys(out).length ? out : null;
}

/**
 * `pose.place`: where the user last put the pose overlay, kept by the worker (content scripts cannot reach
 * storage.local). Only the overlay script in a tab's top frame asks.
 */
export function overlayPlaceHandlers(storage: PlaceStorage) {
  return {
    'pose.place': async ({ save }: { save?: OverlayPlace }, { kind, sender }: CommandContext) => {
      if (kind !== 'content-script' || sender.tab?.id === undefined || sender.frameId !== 0) {
        throw new SenderRefusedError('Only Hearth’s pose overlay in a page keeps its place.');
      }
      if (save !== undefined) {
        const place = cleanPlace(save);
        if (place) await storage.set({ [PLACE_KEY]: place });
        return { place };
      }
      return { place: cleanPlace((await storage.get(PLACE_KEY))[PLACE_KEY]) };
    },
  };
}
