export declare function poseAssets(options: { models: readonly string[]; cacheDir?: string; root?: string }): { absoluteSrc: string; relativeDest: string }[];
