export declare const TINY_WORDS: string[];
export declare const TINY_EXPECTED_AFTER_ONE_TWO_THREE: string;
export declare function makeTinyLlamaGguf(options?: { random?: boolean; seed?: number; contextLength?: number }): Buffer;
