// CLI: node testkit/models/make-tiny-llama-gguf.mjs OUT.gguf [--random] [--seed N] (the generator: tiny-llama-gguf.ts)
import { runGgufCli } from "./run-gguf-cli.mjs";

runGgufCli("tiny");
