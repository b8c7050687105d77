export const PARTS = ['llm', 'pose', 'messaging', 'summarize', 'memory'] as const;
export type PartName = (typeof PARTS)[number];

export interface BenchOptions {
  parts: PartName[];
  json: boolean;
  runs: number;
  model?: string;
  prompt: string;
  maxTokens: number;
  /** Pose: a video played as the camera (mp4 or y4m), its expected keypoints, one backend only. */
  video?: string;
  expected?: string;
  backend?: string;
}

/** `npm run bench -- [part...] [--json] [--runs N] [--model PATH_OR_URL] [--prompt TEXT] [--max-tokens N]` */
export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = { parts: [], json: false, runs: 5, prompt: 'one two three', maxTokens: 64 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--runs') o.runs = Math.max(1, Number.parseInt(value(), 10));
    else if (a === '--model') o.model = value();
    else if (a === '--prompt') o.prompt = value();
    else if (a === '--max-tokens') o.maxTokens = Math.max(1, Number.parseInt(value(), 10));
    else if (a === '--video') o.video = value();
    else if (a === '--expected') o.expected = value();
    else if (a === '--backend') o.backend = value();
    else if ((PARTS as readonly string[]).includes(a)) o.parts.push(a as PartName);
    else if (a !== '--') throw new Error(`Unknown argument "${a}". Parts: ${PARTS.join(', ')}.`);
  }
  if (o.parts.length === 0) o.parts = [...PARTS];
  if (!Number.isFinite(o.runs)) throw new Error('--runs needs a number');
  return o;
}
