// The one place where every message between Hearth's contexts is typed. Types only: no code. The values the types
// come from (port names, engines, pose models and backends, limits) are `as const` lists in protocol-values.ts.
//
// Commands are request/response (`runtime.sendMessage`); each names the context that owns it.
// Token streams travel over a named `runtime.Port` (GeneratePortName) straight to the offscreen host.

import type { ENGINE_KINDS, ENGINE_PREFERENCES, PORTS, POSE_BACKEND_NAMES, POSE_MODELS, WRITE_LANGUAGES, WRITE_TONES } from './protocol-values';

export type EngineKind = (typeof ENGINE_KINDS)[number];

/** Which engine the host picked for this device, and why, in words a user can read. */
export interface BackendChoice {
  engine: EngineKind;
  reason: string;
  /** The WebGPU adapter, when there is one (even a software one we chose not to use). */
  adapter?: {
    vendor: string;
    architecture: string;
    isFallback: boolean;
    shaderF16: boolean;
    /** Adapter limits in MB (WebLLM needs at least 256 MB buffers and 128 MB storage bindings). */
    maxBufferSizeMb?: number;
    maxStorageBindingMb?: number;
  };
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
  /** CPU threads for the wasm engine; unset lets the engine choose. Set by the bench, so every engine it compares uses the same count. */
  threads?: number;
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
  /**
   * Set by a one-step summary: the prompt asks for a summary of this text. An engine with a dedicated summarizer
   * (Chrome's Summarizer, lib/llm/host/builtin-summary.ts) may answer with it instead; every other engine reads the
   * prompt as usual.
   */
  summary?: SummaryHint;
}

export interface SummaryHint {
  text: string;
  length: 'short' | 'medium' | 'long';
  format: 'paragraph' | 'bullets';
  /** The text's language as an English name ("Japanese"), when known. */
  language?: string | null;
}

export interface GenerateStats {
  promptTokens: number;
  /** Prompt tokens the engine did not read again: their keys and values were cached from the last request. */
  reusedTokens?: number;
  completionTokens: number;
  /** From the request reaching the engine to the first token, model load excluded. */
  timeToFirstTokenMs: number;
  prefillTokensPerSec?: number;
  decodeTokensPerSec?: number;
  /** Set when this request had to load the model first: download (if any) and initialisation. */
  loadMs?: number;
  finishReason: 'stop' | 'length' | 'aborted';
  /** Where the host keeps this generation's prompt and text (`llm.record`), when the start asked for a record. */
  recordId?: string;
}

/** The model host's own record of one finished generation (lib/llm/host/records.ts). */
export interface GenerationRecord {
  id: string;
  /** The tab whose content script asked for it; absent for Hearth's own pages. */
  tabId?: number;
  messages: ChatMessage[];
  /** What the model wrote. */
  text: string;
}

/** How far the engine has read the prompt (prefill), reported after each batch of prompt tokens. */
export interface ReadingProgress {
  doneTokens: number;
  /** 0 when not known (yet): the host sends {0, 0} once the model is loaded, before the engine says more. */
  totalTokens: number;
  /** Prompt tokens read per second so far, when the engine measured it. */
  tokensPerSec?: number;
}

/** How far the engine has read a prime (`llm.primeProgress`): its prompt's tokens now cached, and how fast it read. */
export interface PrimeProgress {
  /** Tokens of the prime's prompt the engine's cache holds (what it already held counts). */
  doneTokens: number;
  totalTokens: number;
  /** Prompt tokens read per second by this prime (else the model's last measured reading speed); null: not known. */
  tokensPerSec: number | null;
}

export interface LoadProgress {
  modelId: string;
  loadedBytes: number;
  totalBytes: number;
  phase: 'download' | 'init';
}

export type HostState = 'idle' | 'loading' | 'ready' | 'generating' | 'error';

export type EnginePreference = (typeof ENGINE_PREFERENCES)[number];

/** Host-side settings; only the worker pushes them (lib/llm/worker/host-config.ts), from storage.local. */
export interface HostSettings {
  enginePreference: EnginePreference;
  /** Unload the model after this many idle minutes (0 = never). */
  idleUnloadMinutes: number;
}

/** Everything the user sets in Settings; the host's part is HostSettings, the rest shapes each chat request. */
export interface ChatSettings extends HostSettings {
  systemPrompt: string;
  temperature: number;
  maxTokens: number;
}

export interface DownloadState {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  loadedBytes: number;
  totalBytes: number;
  bytesPerSec: number;
  error?: WireError;
}

/**
 * The re-check before a download starts (lib/llm/download-check.ts judgeDownload): download as asked, or a model
 * that suits this device better (`smaller`: the asked one is too slow here; `larger`: Hearth's own pick, the device
 * measured faster now), or no check (`unchecked`: the device could not be measured; the download goes ahead).
 */
export type DownloadCheck =
  | { verdict: 'ok' }
  | { verdict: 'smaller' | 'larger'; suggestion: ModelSpec; wordsPerSec: number; suggestedWordsPerSec: number; neededWordsPerSec: number }
  | { verdict: 'unchecked'; reason: string };

/** How fast models run here: the device's measured weight-streaming speed and real decode speeds seen. */
export interface ModelSpeeds {
  /** From a short kernel run (lib/llm/speed-estimate.ts); null when not measured (no CPU kernels here). */
  device: { weightBytesPerSec: number; threads: number; at: number; samples?: number[] } | null;
  /** Decode tokens per second of the latest real answers, per model id. */
  measured: Record<string, number>;
  /** Weight bytes a second of the latest real CPU answers (tokens/s × weight bytes), newest last: corrects the estimate. */
  answers?: number[];
  /** Prompt tokens read per second on the latest real answers, per model id (for "about N s left"). */
  prefill?: Record<string, number>;
}

/** What the model manager shows for one model. */
export interface ModelState {
  modelId: string;
  /** 'unknown' when the cache cannot be read here (WebLLM models without WebGPU). */
  cached: boolean | 'unknown';
  sizeOnDiskBytes?: number;
  download?: DownloadState;
}

/** Where the host saves a detached answer, so it survives the popup closing. */
export interface PersistTarget {
  conversationId: string;
  messageId: string;
}

/** Which runtime holds the loaded model: Hearth's own CPU engine, wllama (a GGUF Hearth's refuses), or WebLLM. */
export interface LoadedRuntime {
  name: 'hearth' | 'wllama' | 'webllm';
  /** Why this one (wllama: what Hearth's engine refused in the model). */
  reason?: string;
}

export interface HostStatus {
  backend: BackendChoice;
  state: HostState;
  model: ModelSpec | null;
  loadedModelId: string | null;
  queued: number;
  served: number;
  /** Messages refused because of who sent them. */
  refused: number;
  /** Generations turned away because too many were already waiting. */
  busy: number;
  /** The runtime that holds the loaded model, once one is loaded. */
  runtime?: LoadedRuntime | null;
  /** Prompts primed ahead of a question (`llm.prime`) that were read to their end. */
  primed?: number;
  /** Prompt tokens primes have read in all, what the cache already held left out (for tests and diagnostics). */
  primeReadTokens?: number;
  lastError?: WireError;
  /** The host page's JavaScript heap (Chromium's performance.memory), for diagnostics and benchmarks. */
  memory?: { jsHeapUsedBytes: number; jsHeapTotalBytes: number };
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
  | 'model-lib-integrity'
  | 'generation'
  | 'aborted'
  | 'storage-quota'
  | 'device-lost'
  | 'not-found'
  | 'camera'
  | 'camera-permission'
  | 'busy'
  | 'context-overflow'
  | 'generation-stalled'
  | 'internal';

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** Where the user last put the pose overlay, and how big they made it (CSS pixels). */
export interface OverlayPlace {
  left?: number;
  top?: number;
  width?: number;
  height?: number;
}

/** Commands owned by the background service worker. */
export interface BackgroundCommands {
  /** Create the offscreen model host if it is not there; resolves once it answers. */
  'host.ensure': { req: void; res: { created: boolean } };
  /** Remember the user's model (storage.local) and hand it to the host: the worker is the one owner of the choice. */
  'model.select': { req: { model: ModelSpec }; res: HostStatus };
  /** Save the user's settings (storage.local) and push the host's part to it. */
  'settings.save': { req: ChatSettings; res: { settings: ChatSettings; status: HostStatus } };
  /** Show or hide the pose overlay in a tab (from the popup, whose click grants activeTab). */
  'pose.toggle': { req: { tabId: number }; res: { ok: true } };
  /** The overlay's content script offers the one-time token its camera view will claim (see lib/pose/worker/pose-grants.ts). */
  'pose.grant': { req: { token: string }; res: { ok: true } };
  /** The camera view claims its token; without it the view does not turn the camera on. */
  'pose.claim': { req: { token: string }; res: { ok: true } };
  /** The camera view was turned off (its camera is already stopped): remove its overlay from the page. */
  'pose.close': { req: void; res: { ok: true } };
  /** The overlay script's place on the page: read it, or save where the user put it (storage.local, the worker's). */
  'pose.place': { req: { save?: OverlayPlace }; res: { place: OverlayPlace | null } };
  /** The in-page summary panel's finished summary, for History (the worker writes it; the address is the sender's). */
  'summary.record': { req: { title: string; summary: string }; res: { ok: true } };
  /** The camera view's posture watch saw a slouch held this long: the worker notifies, within quiet hours and its rate limit. */
  'coach.notify': { req: { seconds: number }; res: { shown: true } | { shown: false; why: 'quiet-hours' | 'too-soon' | 'not-allowed' } };
  /** The camera view finished an exercise session: kept in the worker's IndexedDB (the framed view gets none). */
  'coach.saveSession': { req: { record: SessionRecord }; res: { ok: true } };
  'coach.exportSessions': { req: void; res: { csv: string } };
  /**
   * The in-page summary panel's "Ask a follow-up": leave it for the chat and open the side panel on the tab if Chrome
   * lets it. The summary is named by the host's record of it (`recordId`, from its stats); `claim` says what was
   * summarized (lib/summarize/follow-up-lead.ts: source, title, language, style, and a one-step page's text), checked
   * against that record.
   */
  'ask.followUp': { req: { recordId: string; title?: string; claim: unknown }; res: { opened: boolean } };
}

/** Commands owned by the offscreen model host. */
export interface HostCommands {
  'host.ping': { req: void; res: { ready: true } };
  'llm.status': { req: void; res: HostStatus };
  /** Choose the model later requests use; it loads on first use. Sent by the worker (model.select, new host). */
  'llm.select': { req: { model: ModelSpec }; res: HostStatus };
  'llm.unload': { req: void; res: HostStatus };
  /** Sent by the worker (settings.save, new host). */
  'host.configure': { req: HostSettings; res: HostStatus };
  /** Cache state of these models (the UI passes the list: it knows the user's own models). */
  'models.list': { req: { models: ModelSpec[] }; res: ModelState[] };
  /** Start downloading a model into the local cache; progress is read with models.list. */
  'models.download': { req: { model: ModelSpec }; res: ModelState };
  'models.cancel': { req: { model: ModelSpec }; res: ModelState };
  'models.delete': { req: { model: ModelSpec }; res: ModelState };
  /**
   * Tokens `text` makes with the loaded model's own tokenizer; null when no model is loaded or its engine has no
   * tokenizer (callers then fall back to an estimate).
   */
  'llm.countTokens': { req: { text: string }; res: { tokens: number | null } };
  /**
   * Read this request's prompt (rendered as a generate of it would be) into the engine's cache without generating, at
   * background priority: it runs only when no generation is running or waiting, a generation that arrives stops it
   * at its next prompt batch (what it read stays cached and is reused for a prompt that starts with it), and a newer
   * prime with the same `key` replaces one still waiting. Answers at once; `accepted: false` when the engine cannot
   * prime (WebLLM, or a model that is neither loaded nor in the local cache: a prime may load a cached GGUF model,
   * never download one).
   */
  'llm.prime': { req: { request: GenerateRequest; key: string }; res: { accepted: boolean } };
  /**
   * How much of the latest prime with this key is read (null: none was taken, or the model changed since). The chat
   * asks just before a question: one asked while the page is still being read is answered from what is read and the
   * passages that match it (lib/ask/read-ahead.ts) rather than waiting for the rest.
   */
  'llm.primeProgress': { req: { key: string }; res: PrimeProgress | null };
  /** A recorded generation (lib/llm/host/records.ts), for the worker only: a summary's follow-up takes its text from here. */
  'llm.record': { req: { id: string }; res: GenerationRecord };
  /** The chosen model and its cache/download state: the summary panel asks before it would start a download. */
  'llm.chosenModel': { req: void; res: { model: ModelSpec | null; state: ModelState | null } };
  /** Download the chosen model (and only it: a page script cannot name another), after the user's click. */
  'llm.downloadChosen': { req: void; res: ModelState };
  /** Before the panel's download: the device measured again, and whether the chosen model suits it (no model named). */
  'llm.recheckChosen': { req: void; res: DownloadCheck };
  /** How fast models run on this device; `measure` runs the device measurement first if it was never run. */
  /** `measure`: measure the device if it never was; `recheck`: measure again (before a download) and keep the best. */
  'llm.speeds': { req: { measure?: boolean; recheck?: boolean }; res: ModelSpeeds };
  /** Is the camera on, and how many tensors TF.js holds (flat over time, or something leaks). */
  'pose.status': { req: void; res: { active: boolean; numTensors: number | null } };
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

/** The name of the port that carries one generation (PORTS.generate in protocol-values.ts). */
export type GeneratePortName = (typeof PORTS)['generate'];

/**
 * Client → host over the generate port. A start with a `jobId` is detachable: it goes on when the port
 * closes (popup closed), is saved to `persist`, and another port can `attach` to it and get the text so far. A start
 * with `record` (a plain chat answer) is kept by the host once finished, its id in the stats (`llm.record`).
 */
export type GenerateClientMessage =
  | { type: 'start'; request: GenerateRequest; jobId?: string; persist?: PersistTarget; record?: boolean }
  | { type: 'attach'; jobId: string }
  | { type: 'stop' };

/** Host → client over the generate port. */
export type GenerateHostMessage =
  | { type: 'queued'; position: number }
  | { type: 'backend'; backend: BackendChoice; model: ModelSpec }
  | { type: 'load-progress'; progress: LoadProgress }
  /** The model is loaded and reading the prompt (before the first token). */
  | { type: 'reading'; progress: ReadingProgress }
  | { type: 'token'; text: string }
  /** On attach: everything written so far. */
  | { type: 'snapshot'; text: string }
  | { type: 'done'; stats: GenerateStats }
  | { type: 'error'; error: WireError };

// ---------------------------------------------------------------------------------------------------------------
// Pose: the offscreen host runs MoveNet on its own camera capture and streams keypoints (never frames) over a
// `hearth:pose` port to the overlay view.

export type PosePortName = (typeof PORTS)['pose'];
export type PoseModelName = (typeof POSE_MODELS)[number];
export type PoseBackendName = (typeof POSE_BACKEND_NAMES)[number];

export interface PoseKeypoint {
  name: string;
  x: number;
  y: number;
  score: number;
}

export interface PoseSettings {
  model: PoseModelName;
  /** 'auto' picks the fastest backend this device really has (timed on the real model, remembered per device). */
  backend: PoseBackendName | 'auto';
}

export interface PoseBackendReport {
  backend: PoseBackendName;
  /** Why this backend, e.g. "fastest of wasm (38 ms), cpu (910 ms); webgl skipped: software renderer (SwiftShader)". */
  reason: string;
  timingsMs: Partial<Record<PoseBackendName, number>>;
  skipped: Partial<Record<PoseBackendName, string>>;
}

export type PoseClientMessage = { type: 'start'; settings: PoseSettings } | { type: 'stop' };

export type PoseHostMessage =
  | { type: 'starting'; step: string }
  | { type: 'ready'; backend: PoseBackendReport; model: PoseModelName; width: number; height: number }
  | {
      type: 'poses';
      poses: PoseKeypoint[][];
      /** When the camera captured the frame (epoch ms), to measure camera-to-overlay latency. */
      capturedAt: number;
      /** The frame's own timestamp (µs, shared by every capture of the camera): the view shows this very frame. */
      frameTimestamp?: number;
      inferenceMs: number;
      /** Frames processed per second, and frames skipped because inference was still busy. */
      fps: number;
      dropped: number;
      frame: number;
    }
  | { type: 'error'; error: WireError };
/** Background → the summary content script: set in the page's isolated world just before the script is injected. */
export interface SummaryTrigger {
  mode: 'selection' | 'page';
  /** Chrome's copy of the selection (context menu only; may be shortened): used when the page's own cannot be read. */
  selectionText?: string;
}

export type WriteTone = (typeof WRITE_TONES)[number];
export type WriteLanguage = (typeof WRITE_LANGUAGES)[number];
/** What the user asked writing help (lib/write/) to do with the text in a field. */
export type WriteAction = { kind: 'proofread' } | { kind: 'rewrite'; tone: WriteTone } | { kind: 'translate'; language: WriteLanguage };

/** Background → the writing-help content script: set in the page's isolated world just before it is injected. */
export interface WriteTrigger {
  action: WriteAction;
  /** Set when the click was in a frame of another site, which Hearth cannot reach: the panel says so. */
  otherOriginFrame?: boolean;
}

/**
 * Background → side panel, through `storage.session`, for pages where no content script can run: a summary
 * (SIDE_PANEL_KEY) or a translation (TRANSLATE_PANEL_KEY) that could not take the in-page panel.
 */
export interface SidePanelRequest {
  mode: 'selection' | 'page';
  /** The text, when Chrome gave one (a context-menu selection); none when it could not be read. */
  text?: string;
  /** Why it is here and not on the page. */
  note: string;
  title?: string;
  at: number;
  /** A PDF to download and read in the side panel (a tab in Chrome's PDF viewer, or a right-clicked PDF link). */
  pdfUrl?: string;
  /** The tab's address when the PDF was asked for (the PDF's own for a PDF tab): what lib/pdf/fetch-policy.ts checks. */
  pageUrl?: string;
}
export type SidePanelSummaryRequest = SidePanelRequest;
export type SidePanelTranslateRequest = SidePanelRequest;

/** One exercise session as it is kept on the device and exported. */
export interface SessionRecord {
  exercise: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  reps: number;
  seconds: number;
  /** Reps per minute over the session (0 for a session shorter than a second). */
  pacePerMinute: number;
}
