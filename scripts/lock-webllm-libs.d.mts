export interface PinnedLib { model_id: string; sha256: string; size: number }
type Prebuilt = { model_list: Array<{ model_id: string; model_lib: string }> };
export declare function catalogueRecords(modelIds: string[], prebuilt?: Prebuilt): Promise<Array<{ model_id: string; model_lib: string }>>;
export declare function fetchLib(libUrl: string, o?: { base?: string; fetchImpl?: typeof fetch }): Promise<{ file: string; bytes: Buffer; sha256: string; size: number }>;
export declare function lockWebLlmLibs(options: {
  modelIds: string[];
  lockPath: string;
  base?: string;
  fetchImpl?: typeof fetch;
  acceptChanges?: boolean;
  prebuilt?: Prebuilt;
  log?: (line: string) => void;
}): Promise<Record<string, PinnedLib>>;
