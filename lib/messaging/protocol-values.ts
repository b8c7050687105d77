// The protocol's values, declared once as `as const` data; protocol.ts derives its types from these lists, so adding
// a pose model or a backend here reaches every type, check and menu. Data only: no functions, no imports.

/** Port names: one generate port per answer (lib/llm/host/generate-port.ts), one pose port per overlay view. */
export const PORTS = { generate: 'hearth:generate', pose: 'hearth:pose' } as const;

/** 'builtin' is Chrome's own on-device model (the Prompt API, lib/llm/host/builtin-engine.ts). */
export const ENGINE_KINDS = ['webllm', 'cpu', 'builtin'] as const;
/** 'auto' follows the host's detection (lib/llm/host/detect-backend.ts). */
export const ENGINE_PREFERENCES = ['auto', 'webgpu', 'cpu'] as const;

/** MoveNet's three (17 keypoints) and BlazePose Full (33: face, hands and feet too). */
export const POSE_MODELS = ['lightning', 'thunder', 'multipose', 'blazepose'] as const;
/** In the order the overlay's menu lists them; 'auto' (timed on the device) is offered besides these. */
export const POSE_BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** Writing help's rewrites (lib/write/): the context menu's "Rewrite" items, in its order. */
export const WRITE_TONES = ['shorter', 'clearer', 'friendlier', 'formal'] as const;
/** Writing help's "Translate to…" items: languages the curated models write well (English names, for the prompt). */
export const WRITE_LANGUAGES = ['English', 'Spanish', 'French', 'German', 'Italian', 'Portuguese', 'Dutch', 'Chinese', 'Japanese'] as const;

/** What the host accepts from any client; the UI and the summary panel refuse early with the same numbers. */
export const LIMITS = {
  /** Text larger than this is refused outright rather than silently cut (2 MB). */
  inputChars: 2 * 1024 * 1024,
  maxTokens: 8192,
  temperature: 2,
  idleUnloadMinutes: 24 * 60,
} as const;

/** storage.session key: the worker hands a summary to the side panel where no content script may run. */
export const SIDE_PANEL_KEY = 'hearth:sidePanelSummary';
/** storage.session key: the worker hands a translation to the side panel where no content script may run. */
export const TRANSLATE_PANEL_KEY = 'hearth:sidePanelTranslation';
