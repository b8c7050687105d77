/**
 * Gemma 3's hyper-parameters beyond the llama block's, with llama.cpp's rules (its GGUF loader): every sixth layer
 * attends to the whole context and the five before it to a sliding window of `gemma3.attention.sliding_window`
 * positions (a query at position p sees keys p-window+1 … p); local layers rotate with base 10,000 and global ones
 * with `rope.freq_base`; queries are scaled by 1/√query_pre_attn_scalar, which llama.cpp takes as the head width
 * (`attention.key_length`) except for the 62-layer 27B, where it is the embedding over the heads. The converter
 * already adds Gemma's +1 to every RMS-norm weight, so the norms here are plain RMSNorm. No final logit
 * soft-capping: llama.cpp applies it only to Gemma 3 files without a sliding window, which we refuse.
 */
export interface Gemma3Config {
  /** Positions a local layer's query sees, itself included. */
  slidingWindow: number;
  /** Layers come in groups of this many: all local but the last of each group. */
  swaPattern: number;
  /** RoPE base of the local layers (the global ones take the config's ropeTheta). */
  localRopeTheta: number;
  /** What a query is multiplied by before attention's softmax (instead of 1/√headDim). */
  attnScale: number;
  /** What the token embedding is multiplied by: √nEmbd, rounded to f32 as llama.cpp's sqrtf. */
  embdScale: number;
}

export function readGemma3Config(
  num: (key: string, fallback?: number) => number,
  c: { nEmbd: number; nHead: number; headDim: number; nLayer: number },
  refuse: (why: string) => never,
): Gemma3Config {
  const slidingWindow = num('attention.sliding_window', 0);
  if (!(slidingWindow > 0)) refuse('The CPU engine runs Gemma 3 only with its sliding-window layers.');
  const scalar = c.nLayer === 62 ? c.nEmbd / c.nHead : c.headDim;
  return {
    slidingWindow,
    swaPattern: 6,
    localRopeTheta: 10000,
    attnScale: 1 / Math.sqrt(scalar),
    embdScale: Math.fround(Math.sqrt(c.nEmbd)),
  };
}

/** Whether layer `l` attends through the sliding window (llama.cpp's swa pattern: l % pattern < pattern - 1). */
export const isLocalLayer = (g: Gemma3Config, l: number) => l % g.swaPattern < g.swaPattern - 1;
