import { SIZED_QUANTS, SIZED_SHAPES, type SizedQuant, type SizedShapeName } from '../testkit/models/sized-gguf';

export const PARTS = ['llm', 'pose', 'messaging', 'summarize', 'memory', 'ask'] as const;
export type PartName = (typeof PARTS)[number];
const POSE_MODELS = ['lightning', 'thunder', 'multipose', 'blazepose'];

export interface BenchOptions {
  parts: PartName[];
  json: boolean;
  runs: number;
  /** LLM: a GGUF file or URL (else a generated model: sized with `shape`, or the counting model). */
  model?: string;
  /** LLM: generate a model with a real model's shape (cached in ~/.cache/hearth/models). */
  shape?: SizedShapeName;
  quant?: SizedQuant;
  /** A sized model with fewer layers than the real one (quick runs). */
  layers?: number;
  prompt: string;
  /** The ~500-token article (tests/fixtures/article.txt) as the prompt. */
  long: boolean;
  maxTokens: number;
  /** CPU threads for every LLM engine (unset: each engine's own choice, and native uses 1). */
  threads?: number;
  /** Skip native llama.cpp (no install attempt). */
  native: boolean;
  /** Pose: a video played as the camera (mp4 or y4m), its expected keypoints, one backend only, the pose model. */
  video?: string;
  expected?: string;
  backend?: string;
  poseModel?: string;
}

export const USAGE =
  'npm run bench -- [part...] [--json] [--runs N] [--model GGUF_PATH_OR_URL | --shape NAME [--quant Q] [--layers N]] ' +
  '[--prompt TEXT | --long] [--max-tokens N] [--threads N] [--no-native] [--pose-model lightning|thunder|multipose|blazepose] ' +
  '[--backend NAME] [--video FILE] [--expected FILE]';

const positive = (flag: string, v: string) => {
  const n = Number.parseInt(v, 10);
  if (!(n >= 1)) throw new Error(`${flag} needs a positive number, got "${v}"`);
  return n;
};
function oneOf<T extends string>(flag: string, v: string, allowed: readonly string[]): T {
  if (!allowed.includes(v)) throw new Error(`${flag} must be one of ${allowed.join(', ')}; got "${v}"`);
  return v as T;
}

/** Every option names what it is for: `--model` is only ever an LLM file, `--pose-model` only a pose model (MoveNet's three or BlazePose). */
export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = { parts: [], json: false, runs: 5, prompt: 'one two three', long: false, maxTokens: 64, native: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--runs') o.runs = positive(a, value());
    else if (a === '--model') {
      o.model = value();
      if (POSE_MODELS.includes(o.model)) throw new Error(`--model takes an LLM (a GGUF path or URL); for the pose model use --pose-model ${o.model}`);
    } else if (a === '--shape') o.shape = oneOf<SizedShapeName>(a, value(), Object.keys(SIZED_SHAPES));
    else if (a === '--quant') o.quant = oneOf<SizedQuant>(a, value(), SIZED_QUANTS);
    else if (a === '--layers') o.layers = positive(a, value());
    else if (a === '--prompt') o.prompt = value();
    else if (a === '--long') o.long = true;
    else if (a === '--max-tokens') o.maxTokens = positive(a, value());
    else if (a === '--threads') o.threads = positive(a, value());
    else if (a === '--no-native') o.native = false;
    else if (a === '--video') o.video = value();
    else if (a === '--expected') o.expected = value();
    else if (a === '--backend') o.backend = value();
    else if (a === '--pose-model') o.poseModel = oneOf(a, value(), POSE_MODELS);
    else if ((PARTS as readonly string[]).includes(a)) o.parts.push(a as PartName);
    else if (a !== '--') throw new Error(`Unknown argument "${a}". Parts: ${PARTS.join(', ')}. Usage: ${USAGE}`);
  }
  if (o.model && o.shape) throw new Error('Use either --model or --shape, not both');
  if ((o.quant || o.layers) && !o.shape) throw new Error('--quant and --layers go with --shape');
  if (o.parts.length === 0) o.parts = [...PARTS];
  return o;
}
