export type SizedShapeName = 'smollm2-135m' | 'smollm2-360m' | 'qwen2.5-0.5b' | 'llama-3.2-1b';
export type SizedQuant = 'q8_0' | 'q4_0' | 'q4_k_m';

export interface SizedShape {
  arch: 'llama' | 'qwen2';
  embd: number;
  layers: number;
  heads: number;
  kvHeads: number;
  ff: number;
  vocab: number;
  ropeBase: number;
  eps: number;
  ctx: number;
  tokenizer: 'smollm' | 'qwen' | 'llama3';
  /** The quantization users download. */
  quant: SizedQuant;
  qkvBias?: boolean;
  ropeFreqs?: boolean;
}

export declare const SIZED_SHAPES: Record<SizedShapeName, SizedShape>;
export declare const SIZED_QUANTS: SizedQuant[];

export interface SizedTensor {
  name: string;
  dims: number[];
  type: number;
  bytes: number;
  fill?: number | number[] | 'random';
}
export declare function sizedTensors(shape: SizedShape, quant: SizedQuant, layers?: number): SizedTensor[];

export interface SizedGguf {
  out: string;
  shape: SizedShapeName;
  quant: SizedQuant;
  layers: number;
  /** File size. */
  bytes: number;
  params: number;
  special: { bos: number; eos: number; eot: number; pad: number };
  chatTemplate: string;
}

/** Write a sized model (random weights, real shape, quantization and tokenizer) to `out`, streaming. */
export declare function makeSizedGguf(options: {
  out: string;
  shape?: SizedShapeName;
  /** Default: the shape's own (q8_0 for SmolLM2, q4_k_m for Qwen2.5 and Llama 3.2). */
  quant?: SizedQuant;
  /** Fewer layers than the real model, for quick tests. */
  layers?: number;
  seed?: number;
}): SizedGguf;
