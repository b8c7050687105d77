export interface ImportViolation {
  rule: string;
  text: string;
}
export interface CruisedModule {
  source: string;
  dependencies: { resolved: string }[];
}
export declare const ROOTS: string[];
export declare const COLLAPSE: string;
export declare const PURE_GLOBALS: string[];
export declare function unitOf(source: string): string | null;
export declare function featureCycles(modules: CruisedModule[]): ImportViolation[];
export declare function browserGlobalsIn(path: string, text: string): { name: string; line: number }[];
export declare function checkImports(root?: string): Promise<ImportViolation[]>;
export declare function importGraph(root: string, file: string): Promise<void>;
