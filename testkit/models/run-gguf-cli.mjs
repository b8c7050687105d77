// Runs gguf-cli.ts (TypeScript) with the project's vite-node, passing `kind` and this process's arguments on.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function runGgufCli(kind) {
  const viteNode = join(dirname(createRequire(import.meta.url).resolve("vite-node/package.json")), "vite-node.mjs");
  const cli = fileURLToPath(new URL("./gguf-cli.ts", import.meta.url));
  const r = spawnSync(process.execPath, [viteNode, cli, "--", kind, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = r.status ?? 1;
}
