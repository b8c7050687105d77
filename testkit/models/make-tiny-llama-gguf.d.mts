export declare const TINY_WORDS: string[];
export declare const TINY_ECHO_WORDS: string[];
export declare const TINY_EXPECTED_AFTER_ONE_TWO_THREE: string;
export declare function makeTinyLlamaGguf(options?: {
  random?: boolean;
  echo?: boolean;
  seed?: number;
  words?: string[];
  loop?: boolean;
  nEmbd?: number;
  nLayer?: number;
  nFf?: number;
  nCtx?: number;
  contextLength?: number;
}): Buffer;
