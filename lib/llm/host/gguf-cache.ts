import { ModelDownloadError, ModelLoadError, StorageQuotaError, AbortedError } from '../../messaging/errors';
import { isGguf } from '../../gguf/types';

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  bytesPerSec: number;
}

export interface CachedModel {
  url: string;
  sizeBytes: number;
  savedAt: number;
}

export interface GgufCacheDeps {
  /** The origin-private file system root (`navigator.storage.getDirectory`). */
  root(): Promise<FileSystemDirectoryHandle>;
  fetch: typeof fetch;
  estimate(): Promise<{ usage?: number; quota?: number }>;
  now?: () => number;
}

const DIR = 'hearth-models';

async function keyFor(url: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const isQuota = (err: unknown) => (err as Error)?.name === 'QuotaExceededError';

/**
 * GGUF files in the extension's private file system, all or nothing: a file counts as cached only once its
 * metadata is written, which happens after the whole body arrived, matched its length and began with "GGUF".
 * A cut-off or cancelled download is discarded (`writable.abort()`), so the cache is never poisoned.
 */
export function createGgufCache(deps: GgufCacheDeps) {
  const now = deps.now ?? (() => Date.now());
  const dir = async () => (await deps.root()).getDirectoryHandle(DIR, { create: true });

  async function meta(url: string): Promise<CachedModel | null> {
    try {
      const d = await dir();
      const key = await keyFor(url);
      const info = JSON.parse(await (await (await d.getFileHandle(`${key}.json`)).getFile()).text()) as CachedModel;
      const file = await (await d.getFileHandle(`${key}.gguf`)).getFile();
      return file.size === info.sizeBytes && info.url === url ? info : null;
    } catch {
      return null;
    }
  }

  async function open(url: string): Promise<Blob | null> {
    if (!(await meta(url))) return null;
    return (await (await dir()).getFileHandle(`${await keyFor(url)}.gguf`)).getFile();
  }

  async function remove(url: string): Promise<void> {
    const d = await dir();
    const key = await keyFor(url);
    for (const name of [`${key}.json`, `${key}.gguf`]) await d.removeEntry(name).catch(() => {});
  }

  async function download(
    url: string,
    label: string,
    onProgress: (p: DownloadProgress) => void,
    signal: AbortSignal,
  ): Promise<Blob> {
    let response: Response;
    try {
      response = await deps.fetch(url, { signal, cache: 'no-store' });
    } catch (err) {
      if (signal.aborted) throw new AbortedError('Download cancelled.');
      throw new ModelDownloadError(`Could not download ${label}: ${(err as Error).message}. Check your connection and try again.`);
    }
    if (!response.ok || !response.body) {
      throw new ModelDownloadError(`Could not download ${label}: the server answered ${response.status}. Check the address.`);
    }
    const total = Number(response.headers.get('content-length') ?? 0);
    const { usage = 0, quota = Infinity } = await deps.estimate();
    const free = quota - usage;
    if (total > 0 && free < total) {
      throw new StorageQuotaError(
        `${label} needs ${Math.ceil(total / 2 ** 20)} MB but only ${Math.floor((quota - usage) / 2 ** 20)} MB of storage is free. Delete a model or free disk space.`,
      );
    }
    await remove(url); // a stale or half-written copy must not survive a new download
    const d = await dir();
    const key = await keyFor(url);
    const writable = await (await d.getFileHandle(`${key}.gguf`, { create: true })).createWritable();
    const reader = response.body.getReader();
    const started = now();
    let loaded = 0;
    let lastReport = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (loaded === 0 && !isGguf(value)) {
          throw new ModelLoadError(`${label} is not a GGUF model file. Check that the address points to a .gguf file.`);
        }
        // Without a Content-Length the size shows only now. Hearth has unlimitedStorage, so Chrome would let it
        // fill the disk: stop at the space that was free when the download began.
        if (loaded + value.byteLength > free) {
          throw new StorageQuotaError(`Storage ran out while saving ${label}: only ${Math.floor(free / 2 ** 20)} MB was free. Delete a model or free disk space.`);
        }
        await writable.write(value);
        loaded += value.byteLength;
        if (now() - lastReport > 100) {
          lastReport = now();
          onProgress({ loadedBytes: loaded, totalBytes: total, bytesPerSec: loaded / Math.max(0.001, (now() - started) / 1000) });
        }
      }
      if (total > 0 && loaded !== total) throw new ModelDownloadError(`The download of ${label} was cut off. Try again.`);
      if (loaded === 0) throw new ModelDownloadError(`The server sent an empty file for ${label}.`);
      await writable.close();
    } catch (err) {
      await writable.abort().catch(() => {});
      reader.cancel().catch(() => {});
      await remove(url);
      if (signal.aborted) throw new AbortedError('Download cancelled.');
      if (isQuota(err)) throw new StorageQuotaError(`Storage ran out while saving ${label}. Delete a model or free disk space.`);
      if (err instanceof ModelLoadError || err instanceof ModelDownloadError || err instanceof StorageQuotaError) throw err;
      throw new ModelDownloadError(`The download of ${label} failed: ${(err as Error).message}. Try again.`);
    }
    const info: CachedModel = { url, sizeBytes: loaded, savedAt: now() };
    const metaWritable = await (await d.getFileHandle(`${key}.json`, { create: true })).createWritable();
    await metaWritable.write(JSON.stringify(info));
    await metaWritable.close();
    onProgress({ loadedBytes: loaded, totalBytes: loaded, bytesPerSec: loaded / Math.max(0.001, (now() - started) / 1000) });
    return (await d.getFileHandle(`${key}.gguf`)).getFile();
  }

  /** Files in the model folder that are not complete cached models (should stay empty). */
  async function strayFiles(): Promise<string[]> {
    const d = await dir();
    const names: string[] = [];
    for await (const name of (d as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    const complete = new Set<string>();
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      const key = n.slice(0, -5);
      try {
        const info = JSON.parse(await (await (await d.getFileHandle(n)).getFile()).text()) as CachedModel;
        if ((await meta(info.url)) !== null) complete.add(key);
      } catch {
        /* unreadable metadata: stray */
      }
    }
    return names.filter((n) => !complete.has(n.replace(/\.(json|gguf)$/, '')));
  }

  return { open, download, remove, meta, strayFiles };
}

export type GgufCache = ReturnType<typeof createGgufCache>;
