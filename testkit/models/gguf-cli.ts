// The generators' command line (the make-*.mjs files run it with vite-node, as the generators are TypeScript and
// share lib/gguf with the engine):
//   node testkit/models/make-tiny-llama-gguf.mjs OUT.gguf [--random] [--seed N]
//   node testkit/models/make-sized-gguf.mjs OUT.gguf [--shape S] [--quant Q] [--layers N] [--seed N]
import { writeFileSync } from "node:fs";
import { makeSizedGguf, type SizedQuant, type SizedShapeName } from "./sized-gguf";
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from "./tiny-llama-gguf";

const [kind, out, ...rest] = process.argv.slice(2);
const arg = (k: string) => { const i = rest.indexOf(k); return i >= 0 ? rest[i + 1] : undefined; };
const num = (k: string) => (arg(k) === undefined ? undefined : Number(arg(k)));

if (kind === "tiny") {
  const random = rest.includes("--random");
  const bytes = makeTinyLlamaGguf({ random, seed: num("--seed") });
  writeFileSync(out ?? "tiny-llama.gguf", bytes);
  console.log(JSON.stringify({ out: out ?? "tiny-llama.gguf", bytes: bytes.length, random,
    expected_after_prompt_one_two_three: random ? null : TINY_EXPECTED_AFTER_ONE_TWO_THREE }));
} else if (kind === "sized") {
  const r = makeSizedGguf({ out: out ?? "sized.gguf", shape: arg("--shape") as SizedShapeName | undefined,
    quant: arg("--quant") as SizedQuant | undefined, layers: num("--layers"), seed: num("--seed") });
  console.log(JSON.stringify({ ...r, chatTemplate: undefined }));
} else {
  console.error("usage: gguf-cli.ts tiny|sized OUT.gguf [options]");
  process.exitCode = 2;
}
