export declare function ensureModels(options?: { baseUrl?: string | null }): Promise<string>;
export declare function fetchModels(options?: {
  dir?: string;
  baseUrl?: string | null;
  all?: boolean;
  only?: string[] | null;
  log?: (s: string) => void;
}): Promise<{ ok: boolean; failed: string[] }>;
export declare function loadCatalogue(): unknown[];
