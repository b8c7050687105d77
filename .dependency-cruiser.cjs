// The import rules that keep Hearth's map (docs/ARCHITECTURE.md, "Where each file runs") true. Checked by
// `npm run check:imports` (scripts/check-imports.mjs), which `npm test` runs first; scripts/check-imports.test.ts
// plants one violation per rule and expects each to be reported.
//
// Words used below:
// - a *feature* is a folder lib/X that is neither a shared core nor the shell (chat, summarize, ask, pdf, pose, llm…);
// - a *shared core* is one of CORES: features import them, they import no feature;
// - the *shell* (lib/shell) mounts features; nothing but entrypoints imports it;
// - a subfolder says where a file runs: worker/ (service worker), host/ (offscreen model host), page/ (content script
//   in a web page), view/ (Preact UI), thread/ (a dedicated Worker's entry).

const CORES = ['messaging', 'tokens', 'page-text', 'tabs', 'ui-kit', 'gguf', 'random', 'page-panel'];
const CORE = `^lib/(${CORES.join('|')})/`;
const NOT_FEATURE = [...CORES, 'shell'];
/** A feature's folder (capture group 1 is its name). */
const FEATURE = `^lib/(?!(?:${NOT_FEATURE.join('|')})/)([^/]+)/`;
/** Unit tests beside the code: they may use testkit/ and fakes, and are not product code. */
const TEST_FILE = '\\.test\\.[cm]?[jt]sx?$';

// What "no browser API" means for a pure file: it imports none of these modules. They are the extension API
// (wxt/browser, WXT's #imports and wxt/utils/*: storage, content-script UI, define*), the UI framework (preact: UI
// belongs in view/), and the libraries that need a browser or a GPU/wasm runtime to load (pdf.js, WebLLM, wllama,
// TensorFlow.js and its pose models, Readability's DOM walk). A pure file takes what it needs from the browser as
// parameters, so Vitest runs it in plain Node. WXT also auto-imports globals (browser, storage, defineContentScript…)
// that no import names; scripts/check-imports.mjs checks pure files for those names too (see PURE_GLOBALS there).
const BROWSER_PACKAGES = [
  'wxt/browser', 'wxt/dist/browser', 'wxt/utils', 'wxt/dist/utils', '#imports',
  'preact',
  'pdfjs-dist', '@mlc-ai/web-llm', '@wllama/wllama', '@tensorflow', '@tensorflow-models', '@mozilla/readability',
];
/** A dependency's path is its resolved file (…/node_modules/preact/dist/preact.mjs) or, unresolved, its name. */
const BROWSER_MODULES = `(^|node_modules/)(${BROWSER_PACKAGES.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})([/.]|$)`;
/**
 * Pure files: a feature's top-level files and the top-level files of the pure shared cores (all cores but ui-kit,
 * which is UI). Subfolders that say where they run are not pure by definition; lib/llm/cpu and lib/pose/coach are
 * not at a feature's top either (cpu/ loads wasm kernels and spawns its worker).
 */
const PURE_FILE = `^lib/(?!(?:shell|ui-kit)/)[^/]+/[^/]+\\.[cm]?[jt]sx?$`;

/**
 * Files left out of the check for now, each with why; scripts/check-imports.mjs names them on every run. Take an
 * entry out as soon as its reason is gone.
 */
/** @type {{ path: string; why: string }[]} */
const NOT_YET_CHECKED = [];

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment:
        'Folders depend one way. With scope "folder" dependency-cruiser adds up each folder with its subfolders, so ' +
        'e.g. lib/ask/view -> lib/chat and lib/chat/view -> lib/ask is a cycle lib/ask <-> lib/chat.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    // no-feature-cycle, the third cycle rule, is in scripts/check-imports.mjs: it collapses the module graph to one
    // node per feature, core, entrypoint and support folder (COLLAPSE there) and fails on any cycle between them,
    // whichever subfolders it goes through (the folder scope above sees only the folders the imported files sit in:
    // lib/ask/view -> lib/chat/host with lib/chat/view -> lib/ask/page is no cycle to it). dependency-cruiser checks
    // rules before it collapses, so its own collapse option cannot do this.
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'No file imports itself through others (type-only imports count: they tie the files together too).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'worker-not-to-view',
      severity: 'error',
      comment: 'The service worker has no DOM and no Preact: a view/ file there is dead weight or a crash.',
      from: { path: '/worker/' },
      to: { path: '/view/' },
    },
    {
      name: 'page-not-to-view',
      severity: 'error',
      comment:
        'Content scripts (page/) run in web pages and stay small; UI for a page is mounted by the entrypoint into a ' +
        'closed shadow root (entrypoints/page-summary). No exception is needed today.',
      from: { path: '/page/' },
      to: { path: '/view/' },
    },
    {
      name: 'host-not-to-ui',
      severity: 'error',
      comment: 'The offscreen model host runs no UI and is no content script.',
      from: { path: '/host/' },
      to: { path: '/(view|page)/' },
    },
    {
      name: 'core-not-to-feature',
      severity: 'error',
      comment: 'Shared cores (lib/messaging, tokens, page-text, tabs, ui-kit, gguf, random, page-panel) are imported by features, never the reverse.',
      from: { path: CORE },
      to: { path: FEATURE },
    },
    {
      name: 'not-to-shell',
      severity: 'error',
      comment: 'lib/shell mounts features; only entrypoints (and the shell itself) import it.',
      from: { path: '^lib/', pathNot: '^lib/shell/' },
      to: { path: '^lib/shell/' },
    },
    {
      name: 'pure-no-browser',
      severity: 'error',
      comment:
        'Pure files (a feature\'s top, a pure core\'s top) import no browser API (see BROWSER_MODULES for what that ' +
        'means); they get the browser as parameters, so plain Node tests them. Their unit tests may use fakes.',
      from: { path: PURE_FILE, pathNot: TEST_FILE },
      to: { path: BROWSER_MODULES },
    },
    {
      name: 'product-not-to-test-code',
      severity: 'error',
      comment: 'testkit/, tests/ and bench/ are not shipped; the extension must build without them.',
      from: { path: '^(lib|entrypoints)/', pathNot: TEST_FILE },
      to: { path: '^(testkit|tests|bench)/' },
    },
    {
      name: 'tools-not-to-tests',
      severity: 'error',
      comment: 'bench/ and scripts/ share support through testkit/, not through the e2e tests.',
      from: { path: '^(bench|scripts)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'entrypoint-not-to-entrypoint',
      severity: 'error',
      comment: 'Entrypoints only wire lib/ together; what two of them share belongs in lib/.',
      from: { path: '^entrypoints/([^/]+)' },
      to: { path: '^entrypoints/', pathNot: '^entrypoints/$1(/|$)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      from: {},
      // Not checked: '/…' (a page's own URL, served by bench's local server), Vite's '?url' and '?worker' suffixes.
      to: { couldNotResolve: true, pathNot: ['^#imports$', '^/', '\\?(url|worker|inline|raw)$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Unit tests beside the code are left out: they are not product code, and a test may import what it tests
    // with (another feature, testkit/). The e2e tests in tests/ stay in (bench/ and scripts/ must not import them).
    exclude: {
      path: ['^\\.output/', '^\\.wxt/', '^tests/fixtures/', TEST_FILE, ...NOT_YET_CHECKED.map((f) => `^${f.path.replace(/[.]/g, '\\.')}$`)],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      archi: {
        // The docs picture: one box per feature, core, entrypoint and test-support folder.
        collapsePattern: '^(lib|entrypoints|testkit|tests|bench|scripts)/[^/]+',
      },
    },
  },
};

// scripts/check-imports.mjs reads these for its pure-file check; not enumerable, so the config stays valid as is.
Object.defineProperties(config, {
  PURE_FILE: { value: PURE_FILE },
  TEST_FILE: { value: TEST_FILE },
  NOT_YET_CHECKED: { value: NOT_YET_CHECKED },
});
module.exports = config;
