export declare const ROOT: string;
export declare const FETCH_DIR: string;
export declare function findModelsDir(): string | null;
