// Counts what the style asks to keep small: files over 250 lines and functions over 80 lines, in the project's own
// TypeScript and JavaScript (tests included, counted apart). Read-only; prints a summary and the offenders.
// Usage: node scripts/code-size.mjs [--files N] [--functions N] [--list]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOTS = ['lib', 'entrypoints', 'testkit', 'tests', 'bench', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', 'fixtures']);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Every .ts/.tsx/.mts file under the roots (declaration files left out: they hold no code). */
export function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(path);
      } else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !/\.d\.m?ts$/.test(name)) out.push(path);
    }
  };
  for (const r of ROOTS) walk(join(root, r));
  return out.sort();
}

function kindOf(path) {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  return /\.m?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function lineOf(sf, pos) {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  const p = node.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p)) return p.name.getText();
  if (p && ts.isCallExpression(p)) return `(callback of ${p.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

/** Functions (declarations, expressions, arrows, methods, accessors) with their line spans, nested ones included. */
export function functionsOf(path, text) {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kindOf(path));
  const out = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = lineOf(sf, node.getStart(sf));
      const end = lineOf(sf, node.end);
      out.push({ name: nameOf(node), start, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function main() {
  const root = process.cwd();
  const fileLimit = arg('--files', 250);
  const fnLimit = arg('--functions', 80);
  const list = process.argv.includes('--list');
  const isTest = (p) => /\.test\.tsx?$/.test(p) || p.startsWith('tests/');
  const bigFiles = [];
  const bigFns = [];
  for (const abs of sourceFiles(root)) {
    const path = relative(root, abs);
    const text = readFileSync(abs, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > fileLimit) bigFiles.push({ path, lines, test: isTest(path) });
    for (const f of functionsOf(path, text)) {
      if (f.lines > fnLimit) bigFns.push({ path, ...f, test: isTest(path) });
    }
  }
  const count = (xs, test) => xs.filter((x) => x.test === test).length;
  console.log(`files over ${fileLimit} lines: ${count(bigFiles, false)} code, ${count(bigFiles, true)} test`);
  console.log(`functions over ${fnLimit} lines: ${count(bigFns, false)} code, ${count(bigFns, true)} test`);
  if (list) {
    for (const f of bigFiles.sort((a, b) => b.lines - a.lines)) console.log(`  file ${f.lines}\t${f.path}`);
    for (const f of bigFns.sort((a, b) => b.lines - a.lines)) console.log(`  fn   ${f.lines}\t${f.path}:${f.start} ${f.name}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
