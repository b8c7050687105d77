/**
 * The parts of a `chrome.storage` area (local or session) that Hearth's code uses; WXT's fake browser and the tests'
 * fakes have them too. Types only: each caller takes the part it needs.
 */
export interface StorageReadLike {
  get(key: string): Promise<Record<string, unknown>>;
}
export interface StorageAreaLike extends StorageReadLike {
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}
/** What `onChanged` tells a listener: each changed key's new value (absent when it was removed). */
export type StorageChanges = Record<string, { newValue?: unknown }>;
export interface StorageEventsLike {
  onChanged: {
    addListener(cb: (changes: StorageChanges) => void): void;
    removeListener?(cb: (changes: StorageChanges) => void): void;
  };
}
