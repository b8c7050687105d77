import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See docs/PERMISSIONS.md for why each permission is here.
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  }),
  manifest: {
    name: 'Hearth — on-device AI',
    description:
      'Local LLM chat, page summaries and a webcam pose overlay. Everything runs on your device; nothing leaves it.',
    permissions: ['offscreen', 'storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus'],
    commands: {
      'summarize-selection': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Summarize the selected text' },
      'summarize-page': { suggested_key: { default: 'Alt+Shift+G' }, description: 'Summarize this page' },
    },
    action: { default_title: 'Hearth' },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    cross_origin_embedder_policy: { value: 'require-corp' },
    cross_origin_opener_policy: { value: 'same-origin' },
  },
});
