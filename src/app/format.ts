/** "4:05" from milliseconds (negative → "-0:12" for overtime). */
export function formatClock(ms: number): string {
  const neg = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return neg ? `-${text}` : text;
}

/** "4 min 5 s" — for screen readers and reports. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.max(0, ms) / 1000);
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (m === 0) return `${r} s`;
  return r === 0 ? `${m} min` : `${m} min ${r} s`;
}

export function formatDate(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
