export declare function vendorWebLlmLibs(options: {
  modelIds: string[];
  outDir: string;
  lockPath: string;
  base?: string;
  fetchImpl?: typeof fetch;
  prebuilt?: { model_list: Array<{ model_id: string; model_lib: string }> };
}): Promise<Record<string, { file: string; sha256: string; source: string }>>;
