import { AppDatabase, DB_NAME } from './database';
import { toStorageError } from './errors';
import { DEFAULT_SETTINGS, type DraftRow, type Profile, type SessionExport, type SessionRecord, type Settings } from './types';
import type { SessionEvent } from '../session/types';

/**
 * Repository over the app database: profiles, settings, sessions with their event logs, drafts.
 * All writes map failures to StorageError (quota, …) so the UI can show what to do.
 */
export class Repository {
  constructor(
    readonly db: AppDatabase,
    /** 'memory' when IndexedDB was unavailable and an in-memory database is used instead. */
    readonly kind: 'indexeddb' | 'memory' = 'indexeddb',
  ) {}

  private async write<T>(action: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw toStorageError(err, action);
    }
  }

  // profiles
  listProfiles(): Promise<Profile[]> {
    return this.db.profiles.orderBy('updatedAt').reverse().toArray();
  }
  getProfile(id: string): Promise<Profile | undefined> {
    return this.db.profiles.get(id);
  }
  saveProfile(p: Profile): Promise<string> {
    return this.write('save the profile', () => this.db.profiles.put(p));
  }
  /** Deletes a profile; its sessions stay (they keep a snapshot of the name) but are unlinked. */
  deleteProfile(id: string): Promise<void> {
    return this.write('delete the profile', () =>
      this.db.transaction('rw', [this.db.profiles, this.db.sessions, this.db.settings], async () => {
        await this.db.profiles.delete(id);
        await this.db.sessions.where('profileId').equals(id).modify({ profileId: null });
        const s = await this.getSettings();
        if (s.activeProfileId === id) await this.db.settings.put({ key: 'settings', value: { ...s, activeProfileId: null } });
      }),
    );
  }

  // settings
  async getSettings(): Promise<Settings> {
    const row = await this.db.settings.get('settings');
    return { ...DEFAULT_SETTINGS, ...row?.value };
  }
  saveSettings(value: Settings): Promise<string> {
    return this.write('save the settings', () => this.db.settings.put({ key: 'settings', value }));
  }

  // sessions
  listSessions(): Promise<SessionRecord[]> {
    return this.db.sessions.orderBy('createdAt').reverse().toArray();
  }
  getSession(id: string): Promise<SessionRecord | undefined> {
    return this.db.sessions.get(id);
  }
  /** The most recent unfinished session, if any. */
  async findActiveSession(): Promise<SessionRecord | undefined> {
    const active = await this.db.sessions.where('status').equals('active').toArray();
    return active.sort((a, b) => b.updatedAt - a.updatedAt)[0];
  }
  saveSession(s: SessionRecord): Promise<string> {
    return this.write('save the session', () => this.db.sessions.put(s));
  }
  updateSession(id: string, patch: Partial<SessionRecord>): Promise<number> {
    return this.write('update the session', () => this.db.sessions.update(id, patch));
  }
  deleteSession(id: string): Promise<void> {
    return this.write('delete the session', () =>
      this.db.transaction('rw', [this.db.sessions, this.db.events, this.db.drafts], async () => {
        await this.db.sessions.delete(id);
        await this.db.events.where('sessionId').equals(id).delete();
        await this.db.drafts.delete(id);
      }),
    );
  }

  // events (append-only)
  appendEvents(sessionId: string, events: SessionEvent[], now: number = Date.now()): Promise<void> {
    return this.write('save your answer', () =>
      this.db.transaction('rw', [this.db.events, this.db.sessions], async () => {
        await this.db.events.bulkAdd(events.map((event) => ({ sessionId, event })));
        const last = events.at(-1);
        await this.db.sessions.update(sessionId, { updatedAt: now, ...(last ? { checkpointT: last.t } : {}) });
      }),
    );
  }
  async listEvents(sessionId: string): Promise<SessionEvent[]> {
    const rows = await this.db.events.where('sessionId').equals(sessionId).sortBy('seq');
    return rows.map((r) => r.event);
  }

  // drafts
  getDraft(sessionId: string): Promise<DraftRow | undefined> {
    return this.db.drafts.get(sessionId);
  }
  saveDraft(d: DraftRow, checkpointT?: number): Promise<void> {
    return this.write('save your draft', () =>
      this.db.transaction('rw', [this.db.drafts, this.db.sessions], async () => {
        await this.db.drafts.put(d);
        if (checkpointT !== undefined) await this.db.sessions.update(d.sessionId, { checkpointT });
      }),
    );
  }
  deleteDraft(sessionId: string): Promise<void> {
    return this.write('clear the draft', () => this.db.drafts.delete(sessionId));
  }

  /** Import a validated export. Changes nothing and returns 'exists' if the session is already here. */
  importSession(exp: SessionExport): Promise<'imported' | 'exists'> {
    return this.write('import the session', () =>
      this.db.transaction('rw', [this.db.sessions, this.db.events], async () => {
        if (await this.db.sessions.get(exp.session.id)) return 'exists' as const;
        const profileId = null; // profiles are not exported; the record keeps the name snapshot
        await this.db.sessions.add({ ...exp.session, profileId });
        await this.db.events.bulkAdd(exp.events.map((event) => ({ sessionId: exp.session.id, event })));
        return 'imported' as const;
      }),
    );
  }

  /** Delete every profile, session, draft and setting. */
  deleteEverything(): Promise<void> {
    return this.write('delete your data', () =>
      this.db.transaction('rw', this.db.tables, async () => {
        await Promise.all(this.db.tables.map((t) => t.clear()));
      }),
    );
  }
}

/**
 * Open the app's database. If IndexedDB is unavailable (blocked, private mode, broken), fall back to an
 * in-memory database (fake-indexeddb, loaded only then) so the app still runs; the UI says so.
 */
export async function openRepository(name: string = DB_NAME): Promise<Repository> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('indexedDB is not defined');
    const db = new AppDatabase(name);
    await db.open();
    return new Repository(db, 'indexeddb');
  } catch (err) {
    console.warn('IndexedDB unavailable, running in memory:', err);
    const { indexedDB: memoryIDB, IDBKeyRange: memoryKeyRange } = await import('fake-indexeddb');
    const db = new AppDatabase(name, { indexedDB: memoryIDB, IDBKeyRange: memoryKeyRange });
    await db.open();
    return new Repository(db, 'memory');
  }
}
