import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { browserGlobalsIn, checkImports, featureCycles } from './check-imports.mjs';

// A small tree with the project's layout and its import rules (the real .dependency-cruiser.cjs), checked clean, then
// with one violation planted per rule: each rule must report its own.
const repo = resolve(__dirname, '..');

const CLEAN: Record<string, string> = {
  'lib/messaging/protocol.ts': 'export type Id = string;\n',
  'lib/tokens/estimate.ts': "import type { Id } from '../messaging/protocol';\nexport const n = (id: Id) => id.length;\n",
  'lib/chat/fit.ts': "import { n } from '../tokens/estimate';\nexport const fit = (s: string) => n(s);\n",
  'lib/chat/view/chat-view.ts': "import { fit } from '../fit';\nexport const useChat = () => fit('x');\n",
  'lib/chat/worker/entry.ts': "import { fit } from '../fit';\nexport const entry = () => fit('y');\n",
  'lib/ask/prompt.ts': "import { fit } from '../chat/fit';\nexport const prompt = () => fit('z');\n",
  'lib/shell/App.ts': "import { useChat } from '../chat/view/chat-view';\nexport const App = () => useChat();\n",
  'entrypoints/popup/main.ts': "import { App } from '@/lib/shell/App';\nApp();\n",
  'entrypoints/background.ts': "import { entry } from '@/lib/chat/worker/entry';\nentry();\n",
  'testkit/fakes/fake.ts': "import { fit } from '../../lib/chat/fit';\nexport const fake = () => fit('f');\n",
  'tests/e2e/helper.ts': "import { fake } from '../../testkit/fakes/fake';\nexport const helper = () => fake();\n",
  'bench/run.ts': "import { fake } from '../testkit/fakes/fake';\nfake();\n",
  'scripts/tool.ts': 'export const tool = 1;\n',
  // A unit test beside the code may import across features and testkit: not product code.
  'lib/tokens/estimate.test.ts': "import { fit } from '../chat/fit';\nimport { fake } from '../../testkit/fakes/fake';\nfit(''); fake();\n",
};

/** rule → files planted to break it, and a piece of the report that names them. */
const PLANTED: Record<string, { files: Record<string, string>; names: string }> = {
  'no-folder-cycle': {
    files: {
      // lib/pdf → lib/summarize/view → lib/summarize → lib/pdf, through four different files.
      'lib/summarize/s.ts': "import { p } from '../pdf/p';\nexport const s = () => p;\n",
      'lib/pdf/p.ts': "import { v } from '../summarize/view/v';\nexport const p = v;\n",
      'lib/summarize/view/v.ts': "import { t } from '../t';\nexport const v = t;\n",
      'lib/summarize/t.ts': 'export const t = 1;\n',
    },
    names: 'lib/pdf',
  },
  'no-feature-cycle': {
    // lib/pose/view → lib/llm/host and lib/llm/view → lib/pose/page: no cycle between these folders, one between
    // the features.
    files: {
      'lib/pose/view/pv.ts': "import { h } from '../../llm/host/h';\nexport const pv = h;\n",
      'lib/llm/host/h.ts': 'export const h = 1;\n',
      'lib/llm/view/lv.ts': "import { pp } from '../../pose/page/pp';\nexport const lv = pp;\n",
      'lib/pose/page/pp.ts': 'export const pp = 2;\n',
    },
    names: 'lib/llm ↔ lib/pose',
  },
  'no-module-cycle': {
    files: {
      'lib/chat/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'lib/chat/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    },
    names: 'lib/chat/a.ts',
  },
  'worker-not-to-view': {
    files: { 'lib/chat/worker/bad.ts': "import { useChat } from '../view/chat-view';\nuseChat();\n" },
    names: 'lib/chat/worker/bad.ts',
  },
  'page-not-to-view': {
    files: {
      'lib/ask/page/bad.ts': "import { av } from '../view/av';\nav();\n",
      'lib/ask/view/av.ts': 'export const av = () => 1;\n',
    },
    names: 'lib/ask/page/bad.ts',
  },
  'host-not-to-ui': {
    files: {
      'lib/chat/host/bad.ts': "import { cp } from '../page/cp';\ncp();\n",
      'lib/chat/page/cp.ts': 'export const cp = () => 1;\n',
    },
    names: 'lib/chat/host/bad.ts',
  },
  'core-not-to-feature': {
    files: { 'lib/messaging/bad.ts': "import { fit } from '../chat/fit';\nfit('');\n" },
    names: 'lib/messaging/bad.ts',
  },
  'not-to-shell': {
    files: { 'lib/ask/view/shell-user.ts': "import { App } from '../../shell/App';\nApp();\n" },
    names: 'lib/ask/view/shell-user.ts',
  },
  'pure-no-browser': {
    files: { 'lib/ask/ui.ts': "import { render } from 'preact';\nimport { browser } from 'wxt/browser';\nexport const u = [render, browser];\n" },
    names: 'lib/ask/ui.ts',
  },
  'pure-no-browser-global': {
    files: { 'lib/tokens/id.ts': 'export const id = () => browser.runtime.id;\n' },
    names: 'lib/tokens/id.ts:1 uses the global browser',
  },
  'product-not-to-test-code': {
    files: { 'lib/chat/view/uses-fake.ts': "import { fake } from '../../../testkit/fakes/fake';\nfake();\n" },
    names: 'lib/chat/view/uses-fake.ts',
  },
  'tools-not-to-tests': {
    files: { 'scripts/bad.ts': "import { helper } from '../tests/e2e/helper';\nhelper();\n" },
    names: 'scripts/bad.ts',
  },
  'entrypoint-not-to-entrypoint': {
    files: { 'entrypoints/sidepanel/main.ts': "import '../popup/main';\n" },
    names: 'entrypoints/sidepanel/main.ts',
  },
  'not-to-unresolvable': {
    files: { 'lib/chat/missing.ts': "import { gone } from './gone';\ngone();\n" },
    names: 'lib/chat/missing.ts',
  },
};

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hearth-imports-'));
  copyFileSync(join(repo, '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('import rules (.dependency-cruiser.cjs, scripts/check-imports.mjs)', () => {
  const roots: string[] = [];
  let planted: { rule: string; text: string }[] = [];
  beforeAll(async () => {
    const root = tree({ ...CLEAN, ...Object.assign({}, ...Object.values(PLANTED).map((p) => p.files)) });
    roots.push(root);
    planted = await checkImports(root);
  }, 180_000);
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('find nothing in a tree that keeps the layout (unit tests beside the code may cross it)', async () => {
    const root = tree(CLEAN);
    roots.push(root);
    expect(await checkImports(root)).toEqual([]);
  }, 180_000);

  for (const [rule, { names }] of Object.entries(PLANTED)) {
    it(`report a planted violation of ${rule}`, () => {
      const reported = planted.filter((v) => v.rule === rule);
      expect(reported.map((v) => v.text).join('\n')).toContain(names);
    });
  }

  it('report nothing but the planted violations', () => {
    expect(new Set(planted.map((v) => v.rule))).toEqual(new Set(Object.keys(PLANTED)));
  });
});

describe('the pieces of the check', () => {
  it('a pure file may name a browser global for its own parameter, not use the global', () => {
    expect(browserGlobalsIn('a.ts', 'export const f = (storage: { get(): void }) => storage.get();')).toEqual([]);
    expect(browserGlobalsIn('a.ts', "type T = typeof window;\nexport const o = { document: 1 };\nexport const g = () => document.title;")).toEqual([{ name: 'document', line: 3 }]);
  });

  it('feature cycles are the strongly connected features of the collapsed graph', () => {
    const mod = (source: string, ...deps: string[]) => ({ source, dependencies: deps.map((resolved) => ({ resolved })) });
    const cycles = featureCycles([
      mod('lib/a/view/x.ts', 'lib/b/host/y.ts', 'lib/c/z.ts'),
      mod('lib/b/view/w.ts', 'lib/a/page/v.ts'),
      mod('lib/c/z.ts', 'lib/a/x.ts'),
      mod('lib/d/q.ts', 'lib/a/x.ts'),
    ]);
    expect(cycles.map((c) => c.text.split(' (')[0])).toEqual(['lib/a ↔ lib/b ↔ lib/c']);
  });
});
