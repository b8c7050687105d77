// The one place where every message between Hearth's contexts is typed. Types only: no code.
//
// Commands are request/response (`runtime.sendMessage`); each names the context that owns it.
// Token streams travel over a named `runtime.Port` (GeneratePortName) straight to the offscreen host.

export type EngineKind = 'webllm' | 'wasm';

/** Which engine the host picked for this device, and why, in words a user can read. */
export interface BackendChoice {
  engine: EngineKind;
  reason: string;
  /** The WebGPU adapter, when there is one (even a software one we chose not to use). */
  adapter?: { vendor: string; architecture: string; isFallback: boolean; shaderF16: boolean };
}

export interface ModelSpec {
  id: string;
  label: string;
  engine: EngineKind;
  /** GGUF URL for the wasm engine; WebLLM prebuilt model id for webllm. */
  source: string;
  /** Download size in bytes (approximate for curated models, unknown for user ones). */
  sizeBytes?: number;
  /** Memory the model needs once loaded, in MB. */
  memoryMb?: number;
  contextTokens: number;
  needsShaderF16?: boolean;
  /** Added by the user by URL, as opposed to curated. */
  custom?: boolean;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type GenerateInput =
  | { kind: 'chat'; messages: ChatMessage[] }
  /** A raw completion: no chat template, BOS added as the model asks. */
  | { kind: 'completion'; prompt: string };

export interface GenerateOptions {
  maxTokens?: number;
  /** 0 means greedy. */
  temperature?: number;
}

export interface GenerateRequest {
  input: GenerateInput;
  options?: GenerateOptions;
}

export interface GenerateStats {
  promptTokens: number;
  completionTokens: number;
  /** From the request reaching the engine to the first token, model load excluded. */
  timeToFirstTokenMs: number;
  prefillTokensPerSec?: number;
  decodeTokensPerSec?: number;
  finishReason: 'stop' | 'length' | 'aborted';
}

export interface LoadProgress {
  modelId: string;
  loadedBytes: number;
  totalBytes: number;
  phase: 'download' | 'init';
}

export type HostState = 'idle' | 'loading' | 'ready' | 'generating' | 'error';

export interface HostStatus {
  backend: BackendChoice;
  state: HostState;
  model: ModelSpec | null;
  loadedModelId: string | null;
  queued: number;
  served: number;
  refused: number;
  lastError?: WireError;
}

/** Every failure that crosses a context boundary; `code` maps back to an error class (lib/messaging/errors.ts). */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export type ErrorCode =
  | 'sender-refused'
  | 'bad-request'
  | 'host-unavailable'
  | 'no-model'
  | 'model-download'
  | 'model-load'
  | 'webgpu-unavailable'
  | 'generation'
  | 'aborted'
  | 'internal';

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** Commands owned by the background service worker. */
export interface BackgroundCommands {
  /** Create the offscreen model host if it is not there; resolves once it answers. */
  'host.ensure': { req: void; res: { created: boolean } };
}

/** Commands owned by the offscreen model host. */
export interface HostCommands {
  'host.ping': { req: void; res: { ready: true } };
  'llm.status': { req: void; res: HostStatus };
  /** Choose the model later requests use; it loads on first use (extension pages only). */
  'llm.select': { req: { model: ModelSpec }; res: HostStatus };
  'llm.unload': { req: void; res: HostStatus };
}

export type CommandMap = BackgroundCommands & HostCommands;
export type CommandName = keyof CommandMap;
export type CommandTarget = 'background' | 'host';

export interface CommandEnvelope<K extends CommandName = CommandName> {
  hearth: 1;
  to: CommandTarget;
  name: K;
  payload: CommandMap[K]['req'];
}

/** The name of the port that carries one generation (see GENERATE_PORT in lib/messaging/stream-client.ts). */
export type GeneratePortName = 'hearth:generate';

/** Client → host over the generate port. */
export type GenerateClientMessage = { type: 'start'; request: GenerateRequest } | { type: 'stop' };

/** Host → client over the generate port. */
export type GenerateHostMessage =
  | { type: 'queued'; position: number }
  | { type: 'backend'; backend: BackendChoice; model: ModelSpec }
  | { type: 'load-progress'; progress: LoadProgress }
  | { type: 'token'; text: string }
  | { type: 'done'; stats: GenerateStats }
  | { type: 'error'; error: WireError };

/** Background → the summary content script: set in the page's isolated world just before the script is injected. */
export interface SummaryTrigger {
  mode: 'selection' | 'page';
  /** Chrome's copy of the selection (context menu only; may be shortened): used when the page's own cannot be read. */
  selectionText?: string;
}

/** Background → side panel, through `storage.session`, for pages where no content script can run. */
export interface SidePanelSummaryRequest {
  mode: 'selection' | 'page';
  /** Text to summarize, when Chrome gave one (a context-menu selection). */
  text?: string;
  /** Why the summary is here and not on the page. */
  note: string;
  title?: string;
  at: number;
}
