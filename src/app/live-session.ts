import type { LiveSession } from '../session/session-service';

/**
 * The one interview running in this tab. Set by Start (so the interview screen need not replay the log)
 * and by the interview screen when it restores a session after a reload.
 */
let live: LiveSession | null = null;

export function setLiveSession(s: LiveSession | null): void {
  live = s;
}

export function getLiveSession(id: string): LiveSession | null {
  return live?.record.id === id ? live : null;
}
