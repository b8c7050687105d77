import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CURATED_MODELS } from './lib/llm/models';
import { poseModelFileNames } from './lib/pose/model-files';
import { noRemoteCode } from './scripts/no-remote-code.mjs';

// See docs/PERMISSIONS.md for why each permission is here.
export default defineConfig({
  srcDir: '.',
  outDir: process.env.HEARTH_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact(), noRemoteCode()],
    resolve: {
      alias: [
        { find: '@mediapipe/pose', replacement: resolve('lib/pose/host/mediapipe-stub.ts') },
        // The WebLLM library pins the build carries (lib/llm/webllm-libs.ts): another lock file only when asked.
        ...(process.env.HEARTH_WEBLLM_LOCK ? [{ find: /^.*\/webllm-libs\.lock\.json$/, replacement: resolve(process.env.HEARTH_WEBLLM_LOCK) }] : []),
      ],
    },
    build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  }),
  hooks: {
    // HEARTH_VENDOR_WEBLLM=1: package the curated WebLLM models' libraries (see scripts/vendor-webllm-libs.mjs).
    'build:publicAssets': async (_wxt, assets) => {
      // Pose weights (MoveNet, BlazePose) and TF.js wasm ship in the package (scripts/pose-assets.mjs).
      const { poseAssets } = await import('./scripts/pose-assets.mjs');
      assets.push(...poseAssets({ files: poseModelFileNames() }));
      // pdf.js character maps (scripts/pdf-assets.mjs).
      assets.push(...(await import('./scripts/pdf-assets.mjs')).pdfAssets());
      if (!process.env.HEARTH_VENDOR_WEBLLM) return;
      const { vendorWebLlmLibs } = await import('./scripts/vendor-webllm-libs.mjs');
      const dir = mkdtempSync(join(tmpdir(), 'hearth-webllm-libs-'));
      await vendorWebLlmLibs({
        modelIds: CURATED_MODELS.filter((m) => m.engine === 'webllm').map((m) => m.source),
        outDir: dir,
        lockPath: resolve(process.env.HEARTH_WEBLLM_LOCK ?? 'webllm-libs.lock.json'),
        base: process.env.HEARTH_WEBLLM_LIB_BASE,
      });
      for (const file of readdirSync(dir)) assets.push({ absoluteSrc: join(dir, file), relativeDest: `webllm-libs/${file}` });
    },
  },
  manifest: {
    name: 'Hearth — on-device AI',
    // Literally true (the Web Store's limit is 132 characters): nothing of the user's is sent anywhere; the requests
    // Hearth makes fetch files *to* the device (model weights from Hugging Face, pinned WebGPU libraries from GitHub,
    // a PDF the user asks about). docs/PERMISSIONS.md, "What goes over the network".
    description: 'Local LLM chat, page summaries and a webcam pose overlay. What you type, read or film stays on your device; models download to it.',
    // The newest APIs Hearth needs: chrome.sidePanel.open and chrome.runtime.getContexts (Chrome 116); the offscreen
    // document's WORKERS reason (113), CSS Custom Highlights (105), storage.setAccessLevel (102). Relaxed SIMD and
    // WebGPU are probed and optional; wllama (the fallback engine for GGUFs Hearth's own engine does not run) needs
    // JSPI (Chrome 137) and says so where it fails (docs/PERMISSIONS.md).
    minimum_chrome_version: '116',
    permissions: ['offscreen', 'storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus'],
    // Asked for when the user turns the posture watch on, not at install (docs/PERMISSIONS.md).
    optional_permissions: ['notifications'],
    // Asked for one site at a time, when a right-clicked PDF link is on another site than the tab (docs/PERMISSIONS.md).
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'summarize-selection': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Summarize the selected text' },
      'summarize-page': { suggested_key: { default: 'Alt+Shift+G' }, description: 'Summarize this page' },
      // Chrome gives at most four commands a suggested key, and those four are taken: the user sets this one
      // (chrome://extensions/shortcuts; Settings lists it as "not set").
      'write-proofread': { description: 'Proofread the text in the field you are typing in' },
      'toggle-pose': { suggested_key: { default: 'Alt+Shift+O' }, description: 'Turn the pose overlay (camera) on or off' },
      // Opens the popup as a toolbar click does (and grants activeTab, so its "Summarize this page" works).
      _execute_action: { suggested_key: { default: 'Alt+Shift+H' }, description: 'Open Hearth' },
      // Chrome allows four suggested keys and the four above take them: translation's keys are the user's to set.
      'translate-selection': { description: 'Translate the selected text into your language' },
      'translate-page': { description: "Translate this page's text into your language" },
    },
    // The overlay's inside is an extension page in an iframe, so the camera permission is Hearth's, not the site's.
    web_accessible_resources: [{ resources: ['pose-view.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
    action: { default_title: 'Hearth' },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    cross_origin_embedder_policy: { value: 'require-corp' },
    cross_origin_opener_policy: { value: 'same-origin' },
  },
});
