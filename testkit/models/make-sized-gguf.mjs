// CLI: node testkit/models/make-sized-gguf.mjs OUT.gguf [--shape smollm2-360m|smollm2-135m|qwen2.5-0.5b|llama-3.2-1b|qwen3-0.6b|gemma-3-270m|gemma-3-1b]
//        [--quant q8_0|q4_0|q4_k_m] [--layers N] [--seed N] (the generator: sized-gguf.ts)
import { runGgufCli } from "./run-gguf-cli.mjs";

runGgufCli("sized");
