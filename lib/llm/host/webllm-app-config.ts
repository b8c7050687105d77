/** One entry of WebLLM's model list (the fields Hearth reads). */
export interface WebLlmModelRecord {
  model: string;
  model_id: string;
  model_lib: string;
  [key: string]: unknown;
}

/** `webllm-libs/manifest.json`, written by scripts/vendor-webllm-libs.mjs when the build vendors the libraries. */
export type VendoredLibs = Record<string, { file: string; sha256: string; source: string }>;

/**
 * Where to read a model's library from: the copy inside the package when the build put one there for the same
 * source URL (a stale manifest never swaps in another version's code), else WebLLM's own address.
 */
export function libDownloadUrl(record: WebLlmModelRecord, vendored: VendoredLibs | null, packagedUrl: (path: string) => string): string {
  const lib = vendored?.[record.model_id];
  return lib && lib.source === record.model_lib ? packagedUrl(`/webllm-libs/${lib.file}`) : record.model_lib;
}

/**
 * WebLLM's app config for one model, its library pointed at bytes Hearth has already verified (an object URL).
 * WebLLM fetches a `model_lib` that does not start with "http" as it is, without its own cache.
 */
export function configWithLib(record: WebLlmModelRecord, verifiedLibUrl: string): { model_list: WebLlmModelRecord[] } {
  return { model_list: [{ ...record, model_lib: verifiedLibUrl }] };
}
