export declare const CODE_CDN: RegExp;
export declare function blankCdnAddresses(code: string): string | null;
export declare function noRemoteCode(): { name: string; enforce: 'pre'; transform(code: string, id: string): { code: string; map: null } | null };
