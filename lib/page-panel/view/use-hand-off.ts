import { useEffect, useRef } from 'preact/hooks';
import type { SidePanelRequest } from '../../messaging/protocol';
import type { StorageEventsLike, StorageReadLike } from '../../messaging/storage-area';

/** The side panel's view of `storage.session`. */
export type HandOffStorage = StorageReadLike & StorageEventsLike;

/**
 * Requests the background hands to the side panel under `key` (a summary or a translation a page could not take):
 * the one left before the panel opened, then each new one, to `take`. The listener goes when the view does.
 */
export function useHandOff(session: HandOffStorage, key: string, take: (request: SidePanelRequest) => void): void {
  const latest = useRef(take);
  latest.current = take;
  useEffect(() => {
    const got = (value: unknown) => {
      if (value) latest.current(value as SidePanelRequest);
    };
    const listener = (changes: Record<string, { newValue?: unknown }>) => got(changes[key]?.newValue);
    void session.get(key).then((stored) => got(stored[key]));
    session.onChanged.addListener(listener);
    return () => session.onChanged.removeListener?.(listener);
  }, [session, key]);
}
