import Dexie, { type Table } from 'dexie';
import type { DraftRow, EventRow, Profile, SessionRecord, Settings } from './types';

export interface SettingsRow {
  key: 'settings';
  value: Settings;
}

export const DB_NAME = 'interview-simulator';

/** The app's IndexedDB schema. Add a new `version(n)` (never edit an old one) to change it. */
export class AppDatabase extends Dexie {
  profiles!: Table<Profile, string>;
  settings!: Table<SettingsRow, string>;
  sessions!: Table<SessionRecord, string>;
  events!: Table<EventRow, number>;
  drafts!: Table<DraftRow, string>;

  constructor(name: string = DB_NAME, deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, deps);
    this.version(1).stores({
      profiles: 'id, updatedAt',
      settings: 'key',
      sessions: 'id, profileId, status, createdAt',
      events: '++seq, sessionId',
      drafts: 'sessionId',
    });
  }
}
