/** An in-memory origin-private file system with the semantics the GGUF cache relies on: a writable's data
 * appears only on close(), abort() discards it. `failWriteAfter` makes writes throw QuotaExceededError. */
export function createFakeOpfs(options: { failWriteAfter?: number } = {}) {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  let written = 0;
  const fileHandle = (path: string) => ({
    async getFile() {
      const data = files.get(path);
      if (!data) throw Object.assign(new Error('not found'), { name: 'NotFoundError' });
      return new Blob([data]);
    },
    async createWritable() {
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      return {
        async write(chunk: Uint8Array | string) {
          const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk);
          written += bytes.byteLength;
          if (options.failWriteAfter !== undefined && written > options.failWriteAfter) {
            throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
          }
          chunks.push(bytes);
        },
        async close() {
          files.set(path, new Uint8Array(await new Blob(chunks).arrayBuffer()));
        },
        async abort() {},
      };
    },
  });
  const dir = (prefix: string): unknown => ({
    async getDirectoryHandle(name: string) {
      return dir(`${prefix}${name}/`);
    },
    async getFileHandle(name: string, opts?: { create?: boolean }) {
      const path = prefix + name;
      if (!files.has(path)) {
        if (!opts?.create) throw Object.assign(new Error('not found'), { name: 'NotFoundError' });
        files.set(path, new Uint8Array()); // like OPFS: create makes an empty file at once
      }
      return fileHandle(path);
    },
    async removeEntry(name: string) {
      if (!files.delete(prefix + name)) throw Object.assign(new Error('not found'), { name: 'NotFoundError' });
    },
    async *keys() {
      for (const p of files.keys()) if (p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) yield p.slice(prefix.length);
    },
  });
  return { root: async () => dir('') as FileSystemDirectoryHandle, files };
}
