export declare function findChromium(): string;
export declare const BASE_ARGS: string[];
