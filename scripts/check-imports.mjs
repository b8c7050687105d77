// `npm run check:imports`: the import rules of .dependency-cruiser.cjs over the project, in three passes:
// 1. every rule over lib/, entrypoints/, testkit/, tests/, bench/, scripts/ (files and folders);
// 2. no-feature-cycle: the module graph collapsed to one node per feature, shared core, entrypoint and support folder
//    (COLLAPSE), so a cycle between two features fails whichever of their subfolders it goes through
//    (dependency-cruiser's folder scope sees only cycles through the folders the imported files sit in);
// 3. pure files (the config's PURE_FILE) use none of WXT's auto-imported globals (browser, storage…), which no import
//    names and so no dependency-cruiser rule sees.
// Exits 1 on any violation. `--graph FILE.mmd|FILE.dot|FILE.svg` writes the folder-level picture instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
export const ROOTS = ['lib', 'entrypoints', 'testkit', 'tests', 'bench', 'scripts'];
/** One node per feature/core/entrypoint/support folder: the unit of "no cycles between folders" and of the picture. */
export const COLLAPSE = '^(lib|entrypoints|testkit|tests|bench|scripts)/[^/]+';

/** The docs picture (product code only): one box per feature, shared core, the shell and each entrypoint. */
const GRAPH_COLLAPSE = '^(lib|entrypoints)/[^/.]+';

/**
 * WXT's auto-imports that reach the browser (see .wxt/types/imports.d.ts), plus the browser's own globals. A pure file
 * may still use such a name for its own variable or parameter (e.g. `storage` handed in): only free uses count.
 */
export const PURE_GLOBALS = [
  'browser', 'chrome', 'storage', 'fakeBrowser', 'defineBackground', 'defineContentScript', 'defineUnlistedScript',
  'createShadowRootUi', 'createIframeUi', 'createIntegratedUi', 'injectScript', 'ContentScriptContext',
  'document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'caches',
];

async function loadConfig(root) {
  const path = join(root, '.dependency-cruiser.cjs');
  delete require.cache[require.resolve(path)];
  return require(path);
}

function cruiseOptions(config, extra = {}) {
  return { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'json', ...extra };
}

async function runCruise(root, config, paths, extra) {
  const { cruise } = await import('dependency-cruiser');
  const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  const cwd = process.cwd();
  process.chdir(root); // dependency-cruiser names modules relative to the working directory
  try {
    const tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
    // WXT's '@/' is the project root (.wxt/tsconfig.json's paths, which dependency-cruiser's tsconfig reader misses).
    const resolveOptions = { alias: { '@': root } };
    const result = await cruise(paths, cruiseOptions(config, extra), resolveOptions, { tsConfig });
    return typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  } finally {
    process.chdir(cwd);
  }
}

function toViolation(v) {
  const path = v.cycle?.length ? [v.from, ...v.cycle.map((c) => c.name ?? c)].join(' → ') : `${v.from} → ${v.to}`;
  return { rule: v.rule.name, text: path };
}

function isPure(config, file) {
  return new RegExp(config.PURE_FILE).test(file) && !new RegExp(config.TEST_FILE).test(file);
}

/** Free uses of PURE_GLOBALS in one file: names read as values that the file never declares itself. */
export function browserGlobalsIn(path, text) {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const declared = new Set();
  const used = [];
  const visit = (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isBindingElement(node) || ts.isImportSpecifier(node) || ts.isImportClause(node)) && node.name && ts.isIdentifier(node.name)) {
      declared.add(node.name.text);
    }
    if (ts.isIdentifier(node) && PURE_GLOBALS.includes(node.text)) {
      const p = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isPropertyDeclaration(p);
      const isTypeOnly = ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p);
      if (!isPropertyName && !isTypeOnly) used.push({ name: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return used.filter((u) => !declared.has(u.name));
}

/** The folder a module belongs to for no-feature-cycle (lib/chat/view/x.ts → lib/chat), or null outside ROOTS. */
export function unitOf(source) {
  return new RegExp(COLLAPSE).exec(source)?.[0] ?? null;
}

/** Cycles between COLLAPSE units: the strongly connected components of the collapsed graph (Tarjan), as violations. */
export function featureCycles(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = unitOf(m.source);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const d of m.dependencies) {
      const to = unitOf(d.resolved);
      if (to && to !== from) edges.get(from).add(to);
    }
  }
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return components.map((c) => ({ rule: 'no-feature-cycle', text: `${c.join(' ↔ ')} (${crossings(modules, c)})` }));
}

/** The imports that tie a cycle's units together, so the report says what to change. */
function crossings(modules, units) {
  const inside = new Set(units);
  const out = [];
  for (const m of modules) {
    const from = unitOf(m.source);
    if (!inside.has(from)) continue;
    for (const d of m.dependencies) {
      const to = unitOf(d.resolved);
      if (to !== from && inside.has(to)) out.push(`${m.source} → ${d.resolved}`);
    }
  }
  return out.join('; ');
}

/** All violations, as { rule, text }. */
export async function checkImports(root = process.cwd()) {
  root = resolve(root);
  const config = await loadConfig(root);
  const all = await runCruise(root, config, ROOTS.filter((r) => existsSync(join(root, r))));
  const out = all.summary.violations.map(toViolation);
  out.push(...featureCycles(all.modules));
  for (const m of all.modules) {
    if (m.coreModule || m.couldNotResolve || !isPure(config, m.source)) continue;
    for (const g of browserGlobalsIn(m.source, readFileSync(join(root, m.source), 'utf8'))) {
      out.push({ rule: 'pure-no-browser-global', text: `${m.source}:${g.line} uses the global ${g.name}` });
    }
  }
  return out;
}

/** The folder-level graph of lib/ and entrypoints/ as Mermaid, DOT or, through Graphviz's dot, SVG. */
export async function importGraph(root, file) {
  const config = await loadConfig(root);
  const { format } = await import('dependency-cruiser');
  const result = await runCruise(root, { ...config, forbidden: [] }, ROOTS, { collapse: GRAPH_COLLAPSE, includeOnly: '^(lib|entrypoints)/' });
  const { output } = await format(result, { outputType: file.endsWith('.mmd') ? 'mermaid' : 'dot' });
  if (!file.endsWith('.svg')) return writeFileSync(file, output);
  writeFileSync(file, execFileSync('dot', ['-Tsvg'], { input: output }));
}

async function main() {
  const i = process.argv.indexOf('--graph');
  if (i >= 0) {
    await importGraph(process.cwd(), process.argv[i + 1]);
    return;
  }
  const violations = await checkImports();
  const config = await loadConfig(process.cwd());
  for (const f of config.NOT_YET_CHECKED) console.warn(`! not checked yet: ${f.path} (${f.why})`);
  for (const v of violations) console.error(`✗ ${v.rule}: ${v.text}`);
  console.log(violations.length ? `${violations.length} import rule violation(s)` : 'import rules: no violation');
  process.exitCode = violations.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
