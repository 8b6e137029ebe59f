/**
 * Where transformers.js fetches model files from. Pure logic.
 *
 * - `null`: the Hugging Face Hub (remote only).
 * - a root-relative path such as '/models/' (or a same-origin absolute URL, reduced to its path): the
 *   self-hosted copy, through `env.localModelPath`. It MUST be root-relative: in 4.3.1 a full http(s) URL
 *   there skips the file probe, the processor comes back null and the first call throws
 *   "Cannot read properties of null (reading 'feature_extractor')".
 * - another origin: a mirror with the same `<model>/<file>` layout, through `env.remoteHost`.
 */
export interface ModelSourceEnv {
  allowLocalModels: boolean;
  allowRemoteModels: boolean;
  localModelPath?: string;
  remoteHost?: string;
  remotePathTemplate?: string;
}

const withSlash = (s: string): string => (s.endsWith('/') ? s : `${s}/`);

export function modelSourceEnv(baseUrl: string | null, origin: string): ModelSourceEnv {
  if (baseUrl === null) return { allowLocalModels: false, allowRemoteModels: true };
  const trimmed = baseUrl.trim();
  if (!trimmed) throw new Error('STT baseUrl must be a path such as "/models/" or null for Hugging Face');
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
    const url = new URL(trimmed, origin);
    if (url.origin === new URL(origin).origin) return { allowLocalModels: true, allowRemoteModels: false, localModelPath: withSlash(url.pathname) };
    return { allowLocalModels: false, allowRemoteModels: true, remoteHost: withSlash(url.href), remotePathTemplate: '{model}/' };
  }
  const path = trimmed.startsWith('/') ? trimmed : `/${trimmed.replace(/^\.\//, '')}`;
  return { allowLocalModels: true, allowRemoteModels: false, localModelPath: withSlash(path) };
}
