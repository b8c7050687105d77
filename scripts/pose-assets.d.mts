export declare function poseAssets(options: { files: readonly string[]; cacheDir?: string; root?: string }): { absoluteSrc: string; relativeDest: string }[];
