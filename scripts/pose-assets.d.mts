export declare const POSE_MODELS: string[];
export declare function poseAssets(options?: { cacheDir?: string; root?: string }): { absoluteSrc: string; relativeDest: string }[];
