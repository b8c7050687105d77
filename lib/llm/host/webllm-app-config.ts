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
 * WebLLM's app config with the model libraries pointed at copies inside the package, where the build put
 * them. Without vendored libraries it returns undefined, and WebLLM uses its own list (libraries from GitHub).
 */
export function buildWebLlmAppConfig(
  modelList: readonly WebLlmModelRecord[],
  vendored: VendoredLibs | null,
  packagedUrl: (path: string) => string,
): { model_list: WebLlmModelRecord[] } | undefined {
  if (!vendored || Object.keys(vendored).length === 0) return undefined;
  return {
    model_list: modelList.map((m) => {
      const lib = vendored[m.model_id];
      // Only a library built from the same source URL replaces it: a stale manifest never swaps in the wrong code.
      return lib && lib.source === m.model_lib ? { ...m, model_lib: packagedUrl(`/webllm-libs/${lib.file}`) } : m;
    }),
  };
}
