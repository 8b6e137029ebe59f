/** Typed storage errors with messages a candidate can act on. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'quota' | 'unavailable' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** Map a Dexie/IndexedDB failure to a StorageError with an actionable message. */
export function toStorageError(err: unknown, action: string): StorageError {
  if (err instanceof StorageError) return err;
  const name = (err as { name?: string } | null)?.name ?? '';
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new StorageError('quota', `Could not ${action}: this device's storage for the app is full. Free some space (Settings → Data, or the browser's site data) and try again. Nothing was lost: your text is still on screen.`, { cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new StorageError('failed', `Could not ${action}: ${detail}`, { cause: err });
}
