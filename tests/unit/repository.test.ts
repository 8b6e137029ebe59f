import 'fake-indexeddb/auto';
import { describe, it, expect, vi } from 'vitest';
import { AppDatabase } from '../../src/db/database';
import { Repository, openRepository } from '../../src/db/repository';
import { StorageError, toStorageError } from '../../src/db/errors';
import {
  DEFAULT_SETTINGS,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type DraftRow,
  type Profile,
  type SessionExport,
  type SessionRecord,
  type Settings,
} from '../../src/db/types';
import type { InterviewPlan, SessionEvent } from '../../src/session/types';
import { finishSession, restoreSession, startSession, summarise } from '../../src/session/session-service';
import { buildReport } from '../../src/analysis/report';
import { defaultBank } from '../../src/interview/bank';
import { countWords } from '../../src/analysis/text';

let dbCounter = 0;
function uniqueName(): string {
  dbCounter += 1;
  return `repo-test-${dbCounter}-${Math.random().toString(36).slice(2, 8)}`;
}
function freshRepo(): Repository {
  return new Repository(new AppDatabase(uniqueName()));
}

function profile(id: string, updatedAt: number, over: Partial<Profile> = {}): Profile {
  return {
    id,
    name: `Name ${id}`,
    role: 'Backend engineer',
    seniority: 'mid',
    jobDescription: '',
    resume: '',
    interviewType: 'mixed',
    minutes: 20,
    createdAt: 1000,
    updatedAt,
    ...over,
  };
}

function session(id: string, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    profileId: null,
    profileName: 'Guest',
    role: 'Backend engineer',
    seniority: 'mid',
    type: 'mixed',
    minutes: 20,
    seed: 'SEED',
    engine: 'scripted',
    status: 'active',
    createdAt: 1000,
    updatedAt: 1000,
    endedAt: null,
    checkpointT: 0,
    summary: null,
    ...over,
  };
}

const PLAN: InterviewPlan = {
  type: 'mixed',
  role: 'Backend engineer',
  roleFamily: 'engineering',
  seniority: 'mid',
  totalMinutes: 20,
  phases: [
    { kind: 'intro', label: 'Introduction', minutes: 2, categories: ['intro'], competencies: [] },
    { kind: 'wrap-up', label: 'Wrap-up', minutes: 18, categories: ['wrap-up'], competencies: [] },
  ],
  checklist: [],
  keywords: [],
};

function ev(t: number, promptId: number): SessionEvent {
  return { type: 'asked', t, at: 5000 + t, promptId, kind: 'question', text: `Q${promptId}`, phaseIndex: 0, competencies: [] };
}

describe('profiles', () => {
  it('save, get, update, list newest first, delete', async () => {
    const repo = freshRepo();
    expect(await repo.listProfiles()).toEqual([]);
    await repo.saveProfile(profile('a', 100));
    await repo.saveProfile(profile('b', 300));
    await repo.saveProfile(profile('c', 200));
    expect((await repo.listProfiles()).map((p) => p.id)).toEqual(['b', 'c', 'a']);
    expect(await repo.getProfile('c')).toEqual(profile('c', 200));
    await repo.saveProfile(profile('a', 400, { name: 'Ada' }));
    expect((await repo.listProfiles()).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect((await repo.getProfile('a'))?.name).toBe('Ada');
    await repo.deleteProfile('b');
    expect(await repo.getProfile('b')).toBeUndefined();
    expect((await repo.listProfiles()).map((p) => p.id)).toEqual(['a', 'c']);
  });

  it("deleteProfile unlinks that profile's sessions and clears activeProfileId", async () => {
    const repo = freshRepo();
    await repo.saveProfile(profile('p1', 1));
    await repo.saveProfile(profile('p2', 2));
    await repo.saveSession(session('s1', { profileId: 'p1', profileName: 'Name p1' }));
    await repo.saveSession(session('s2', { profileId: 'p1', profileName: 'Name p1' }));
    await repo.saveSession(session('s3', { profileId: 'p2' }));
    await repo.saveSettings({ ...DEFAULT_SETTINGS, activeProfileId: 'p1', theme: 'dark', voiceRate: 1.25 });

    await repo.deleteProfile('p1');
    expect(await repo.getProfile('p1')).toBeUndefined();
    expect((await repo.getSession('s1'))?.profileId).toBeNull();
    expect((await repo.getSession('s2'))?.profileId).toBeNull();
    expect((await repo.getSession('s1'))?.profileName).toBe('Name p1'); // the name snapshot stays
    expect((await repo.getSession('s3'))?.profileId).toBe('p2');
    expect(await repo.getSettings()).toEqual({ ...DEFAULT_SETTINGS, activeProfileId: null, theme: 'dark', voiceRate: 1.25 });
  });

  it('deleting another profile keeps the active one', async () => {
    const repo = freshRepo();
    await repo.saveProfile(profile('p1', 1));
    await repo.saveProfile(profile('p2', 2));
    await repo.saveSettings({ ...DEFAULT_SETTINGS, activeProfileId: 'p1' });
    await repo.deleteProfile('p2');
    expect((await repo.getSettings()).activeProfileId).toBe('p1');
  });
});

describe('settings', () => {
  it('defaults first, then a round trip', async () => {
    const repo = freshRepo();
    expect(await repo.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({
      activeProfileId: null,
      voiceURI: null,
      voiceRate: 1,
      cameraEnabled: false,
      cameraCues: true,
      theme: 'system',
      speakQuestions: true,
      answerMode: 'typed',
      sttModel: 'whisper-tiny',
      sttDevice: 'auto',
      modelBaseUrl: null,
      interviewer: 'auto',
      llmModel: null,
      llmAutoLoad: false,
      persona: 'neutral',
      reproducible: false,
      peerIceServers: [],
    });
    const s: Settings = {
      activeProfileId: 'p9',
      voiceURI: 'urn:voice',
      voiceRate: 1.5,
      cameraEnabled: true,
      cameraCues: false,
      theme: 'light',
      speakQuestions: false,
      answerMode: 'voice',
      sttModel: 'whisper-base',
      sttDevice: 'webgpu',
      modelBaseUrl: '/models/',
      interviewer: 'transformers',
      llmModel: 'smollm2-360m-cpu',
      llmAutoLoad: true,
      persona: 'tough',
      reproducible: true,
      peerIceServers: ['stun:stun.example.org:3478'],
    };
    await repo.saveSettings(s);
    expect(await repo.getSettings()).toEqual(s);
  });

  it('a stored row missing newer keys is completed with the defaults', async () => {
    const repo = freshRepo();
    await repo.db.settings.put({ key: 'settings', value: { theme: 'dark' } as Settings });
    expect(await repo.getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });
});

describe('sessions and events', () => {
  it('listSessions is newest first; findActiveSession returns the most recently updated active one', async () => {
    const repo = freshRepo();
    expect(await repo.findActiveSession()).toBeUndefined();
    await repo.saveSession(session('old', { createdAt: 1, updatedAt: 50 }));
    await repo.saveSession(session('new', { createdAt: 3, updatedAt: 40 }));
    await repo.saveSession(session('mid', { createdAt: 2, updatedAt: 60 }));
    await repo.saveSession(session('done', { createdAt: 4, updatedAt: 999, status: 'completed' }));
    expect((await repo.listSessions()).map((s) => s.id)).toEqual(['done', 'new', 'mid', 'old']);
    expect((await repo.findActiveSession())?.id).toBe('mid');
    await repo.updateSession('mid', { status: 'completed' });
    expect((await repo.findActiveSession())?.id).toBe('old');
  });

  it('appendEvents keeps the order across batches and updates checkpointT and updatedAt', async () => {
    const repo = freshRepo();
    await repo.saveSession(session('s1'));
    await repo.saveSession(session('s2'));
    await repo.appendEvents('s1', [ev(0, 0), ev(10, 1)], 2000);
    await repo.appendEvents('s2', [ev(5, 0)], 2500);
    await repo.appendEvents('s1', [ev(20, 2), ev(30, 3), ev(35, 4)], 3000);
    expect((await repo.listEvents('s1')).map((e) => (e.type === 'asked' ? e.promptId : -1))).toEqual([0, 1, 2, 3, 4]);
    expect(await repo.listEvents('s1')).toEqual([ev(0, 0), ev(10, 1), ev(20, 2), ev(30, 3), ev(35, 4)]);
    expect(await repo.listEvents('s2')).toEqual([ev(5, 0)]);
    expect(await repo.listEvents('none')).toEqual([]);
    const s1 = await repo.getSession('s1');
    expect([s1?.checkpointT, s1?.updatedAt]).toEqual([35, 3000]);
    const s2 = await repo.getSession('s2');
    expect([s2?.checkpointT, s2?.updatedAt]).toEqual([5, 2500]);
    // An empty batch touches updatedAt only.
    await repo.appendEvents('s1', [], 4000);
    const again = await repo.getSession('s1');
    expect([again?.checkpointT, again?.updatedAt]).toEqual([35, 4000]);
  });

  it('deleteSession removes its events and draft only', async () => {
    const repo = freshRepo();
    await repo.saveSession(session('s1'));
    await repo.saveSession(session('s2'));
    await repo.appendEvents('s1', [ev(0, 0)], 1);
    await repo.appendEvents('s2', [ev(0, 0)], 1);
    await repo.saveDraft({ sessionId: 's1', promptId: 0, text: 'x', startedT: null, updatedAt: 1 });
    await repo.saveDraft({ sessionId: 's2', promptId: 0, text: 'y', startedT: null, updatedAt: 1 });
    await repo.deleteSession('s1');
    expect(await repo.getSession('s1')).toBeUndefined();
    expect(await repo.listEvents('s1')).toEqual([]);
    expect(await repo.getDraft('s1')).toBeUndefined();
    expect(await repo.listEvents('s2')).toHaveLength(1);
    expect((await repo.getDraft('s2'))?.text).toBe('y');
  });
});

describe('drafts', () => {
  it('save, get, overwrite, delete; a checkpointT is stored on the session', async () => {
    const repo = freshRepo();
    await repo.saveSession(session('s1', { checkpointT: 10 }));
    expect(await repo.getDraft('s1')).toBeUndefined();
    const d: DraftRow = { sessionId: 's1', promptId: 3, text: 'I started by', startedT: 40_000, updatedAt: 7 };
    await repo.saveDraft(d);
    expect(await repo.getDraft('s1')).toEqual(d);
    expect((await repo.getSession('s1'))?.checkpointT).toBe(10);
    await repo.saveDraft({ ...d, text: 'I started by profiling', updatedAt: 8 }, 52_000);
    expect((await repo.getDraft('s1'))?.text).toBe('I started by profiling');
    expect((await repo.getSession('s1'))?.checkpointT).toBe(52_000);
    await repo.deleteDraft('s1');
    expect(await repo.getDraft('s1')).toBeUndefined();
  });
});

describe('importSession', () => {
  function exportOf(id: string, over: Partial<SessionRecord> = {}): SessionExport {
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: 9,
      app: 'test',
      session: session(id, { status: 'completed', profileId: 'someone', profileName: 'Grace', ...over }),
      events: [{ type: 'started', t: 0, at: 1, seed: 'S', engine: 'scripted', plan: PLAN }, ev(1, 0)],
    };
  }

  it('imports a new session (unlinked from any profile) with its events', async () => {
    const repo = freshRepo();
    expect(await repo.importSession(exportOf('imp'))).toBe('imported');
    const rec = await repo.getSession('imp');
    expect(rec).toEqual({ ...exportOf('imp').session, profileId: null });
    expect(await repo.listEvents('imp')).toEqual(exportOf('imp').events);
  });

  it("returns 'exists' for a duplicate id and changes nothing", async () => {
    const repo = freshRepo();
    const original = session('dup', { profileName: 'Original', profileId: 'p1' });
    await repo.saveSession(original);
    await repo.appendEvents('dup', [ev(0, 0)], 1000);
    const before = await repo.getSession('dup');
    expect(await repo.importSession(exportOf('dup', { profileName: 'Imported' }))).toBe('exists');
    expect(await repo.getSession('dup')).toEqual(before);
    expect(await repo.listEvents('dup')).toEqual([ev(0, 0)]);
    expect(await repo.db.events.count()).toBe(1);
    expect(await repo.db.sessions.count()).toBe(1);
  });
});

describe('deleteEverything', () => {
  it('clears every table', async () => {
    const repo = freshRepo();
    await repo.saveProfile(profile('p', 1));
    await repo.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark' });
    await repo.saveSession(session('s'));
    await repo.appendEvents('s', [ev(0, 0)], 1);
    await repo.saveDraft({ sessionId: 's', promptId: 0, text: 't', startedT: null, updatedAt: 1 });
    const tables = repo.db.tables.map((t) => t.name).sort();
    expect(tables).toEqual(['drafts', 'events', 'profiles', 'sessions', 'settings']);
    for (const t of repo.db.tables) expect(await t.count(), t.name).toBe(1);
    await repo.deleteEverything();
    for (const t of repo.db.tables) expect(await t.count(), t.name).toBe(0);
    expect(await repo.getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('storage errors', () => {
  it('a quota error while appending events becomes StorageError kind quota with an actionable message', async () => {
    const db = new AppDatabase(uniqueName());
    const repo = new Repository(db);
    await repo.saveSession(session('s1', { checkpointT: 3, updatedAt: 3 }));
    db.events.bulkAdd = (() => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    }) as typeof db.events.bulkAdd;
    const err = await repo.appendEvents('s1', [ev(10, 0)], 99).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageError);
    const se = err as StorageError;
    expect(se.kind).toBe('quota');
    expect(se.name).toBe('StorageError');
    expect(se.message).toContain('Could not save your answer');
    expect(se.message).toContain('storage for the app is full');
    expect(se.message).toContain('Free some space');
    expect((se.cause as Error).name).toBe('QuotaExceededError');
    // The transaction rolled back: nothing saved, the session untouched.
    expect(await repo.listEvents('s1')).toEqual([]);
    const rec = await repo.getSession('s1');
    expect([rec?.checkpointT, rec?.updatedAt]).toEqual([3, 3]);
  });

  it('toStorageError: quota via a wrapped inner error, other failures as kind failed', () => {
    const wrapped = toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'save the profile');
    expect(wrapped.kind).toBe('quota');
    expect(wrapped.message).toMatch(/^Could not save the profile: /);
    const other = toStorageError(new Error('boom'), 'save the settings');
    expect(other.kind).toBe('failed');
    expect(other.message).toBe('Could not save the settings: boom');
    expect(toStorageError(other, 'anything')).toBe(other);
  });

  it('other write failures are mapped to kind failed', async () => {
    const db = new AppDatabase(uniqueName());
    const repo = new Repository(db);
    db.profiles.put = (() => {
      throw new Error('disk on fire');
    }) as typeof db.profiles.put;
    await expect(repo.saveProfile(profile('x', 1))).rejects.toMatchObject({ kind: 'failed', message: 'Could not save the profile: disk on fire' });
  });
});

describe('openRepository', () => {
  it('uses IndexedDB when available', async () => {
    const repo = await openRepository(uniqueName());
    expect(repo.kind).toBe('indexeddb');
    await repo.saveProfile(profile('p', 1));
    expect((await repo.getProfile('p'))?.id).toBe('p');
  });

  it("falls back to an in-memory database ('memory') when indexedDB is undefined, and still works", async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    expect(saved).toBeDefined();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    delete (globalThis as { indexedDB?: unknown }).indexedDB;
    try {
      expect(typeof indexedDB).toBe('undefined');
      const repo = await openRepository(uniqueName());
      expect(repo.kind).toBe('memory');
      expect(warn).toHaveBeenCalledTimes(1);
      await repo.saveProfile(profile('p', 1));
      await repo.saveSession(session('s'));
      await repo.appendEvents('s', [ev(0, 0), ev(4, 1)], 10);
      expect((await repo.getProfile('p'))?.name).toBe('Name p');
      expect(await repo.listEvents('s')).toEqual([ev(0, 0), ev(4, 1)]);
      expect((await repo.getSession('s'))?.checkpointT).toBe(4);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'indexedDB', saved);
      warn.mockRestore();
    }
    expect(typeof indexedDB).not.toBe('undefined');
  });
});

describe('session-service', () => {
  const GOOD =
    'In my last role I led the migration of our billing service. I wrote the plan, I negotiated the timeline with two teams, and as a result we cut latency by 40 percent within three months.';

  it('startSession → answers → restoreSession → resume → end → finishSession', async () => {
    const repo = freshRepo();
    let fakeNow = 1_760_000_000_000;
    const clock = { now: () => fakeNow };
    const input = { type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 20, jobDescription: 'Kubernetes and PostgreSQL' } as const;
    const live = await startSession(repo, { input, profileId: 'p1', profileName: 'Ada', seed: 'SVC-1' }, clock);
    const id = live.record.id;
    expect(live.record).toMatchObject({
      profileId: 'p1',
      profileName: 'Ada',
      role: 'Backend engineer',
      seniority: 'mid',
      type: 'mixed',
      minutes: 20,
      seed: 'SVC-1',
      engine: 'scripted',
      status: 'active',
      createdAt: fakeNow,
      endedAt: null,
      summary: null,
    });
    expect(await repo.listEvents(id)).toEqual([...live.scheduler.events]);
    expect(live.scheduler.events.map((e) => e.type)).toEqual(['started', 'phase', 'asked']);
    expect((await repo.findActiveSession())?.id).toBe(id);

    // Answer the intro 30 s in: persisted, checkpoint moves.
    fakeNow += 30_000;
    await live.scheduler.answer(0, GOOD, 5_000);
    const rec1 = await repo.getSession(id);
    expect([rec1?.checkpointT, rec1?.updatedAt]).toEqual([30_000, fakeNow]);
    expect(await repo.listEvents(id)).toEqual([...live.scheduler.events]);
    const currentBefore = live.scheduler.snapshot.current;
    expect(currentBefore?.kind).toBe('question');

    // A draft checkpoint, then the tab closes.
    fakeNow += 12_000;
    await repo.saveDraft({ sessionId: id, promptId: currentBefore?.promptId ?? -1, text: 'I', startedT: 40_000, updatedAt: fakeNow }, 42_000);

    fakeNow += 3_600_000;
    const restored = await restoreSession(repo, id, clock);
    expect(restored).not.toBeNull();
    if (!restored) return;
    const s = restored.scheduler;
    expect(restored.record.checkpointT).toBe(42_000);
    expect(s.snapshot.current).toEqual(currentBefore);
    expect(s.snapshot.covered).toEqual(live.scheduler.snapshot.covered);
    expect(s.snapshot.phaseIndex).toBe(1);
    expect(s.running).toBe(false);
    expect(s.now()).toBe(42_000);

    await s.resume();
    expect(s.events.slice(-2)).toEqual([
      { type: 'paused', t: 42_000, at: fakeNow },
      { type: 'resumed', t: 42_000, at: fakeNow },
    ]);
    fakeNow += 20_000;
    await s.answer(currentBefore?.promptId ?? -1, `${GOOD} I also ran it on postgres.`, 40_000, 'spoken');
    fakeNow += 10_000;
    const pid = s.snapshot.current?.promptId ?? -1;
    await s.skip(pid);
    fakeNow += 5_000;
    await s.end({ text: 'A final thought about the design trade-offs.', startedT: null });
    expect(s.snapshot.status).toBe('ended');
    const events = await repo.listEvents(id);
    expect(events).toEqual([...s.events]);
    expect((await repo.getSession(id))?.checkpointT).toBe(events.at(-1)?.t);

    const endedAt = fakeNow + 1;
    await finishSession(repo, id, events, endedAt);
    const done = await repo.getSession(id);
    expect(done?.status).toBe('completed');
    expect(done?.endedAt).toBe(endedAt);
    expect(done?.updatedAt).toBe(endedAt);
    expect(await repo.getDraft(id)).toBeUndefined();
    expect(await repo.findActiveSession()).toBeUndefined();

    const report = buildReport(events, { lexicon: defaultBank.technologies as { name: string; aliases: string[] }[] });
    expect(done?.summary).toEqual(summarise(report));
    // Independent checks of the headline numbers.
    const answered = events.filter((e): e is Extract<SessionEvent, { type: 'answered' }> => e.type === 'answered');
    const skipped = events.filter((e) => e.type === 'skipped');
    expect(done?.summary?.answered).toBe(answered.length);
    expect(done?.summary?.skipped).toBe(skipped.length);
    expect(skipped.length).toBe(1);
    expect(done?.summary?.words).toBe(answered.reduce((n, a) => n + countWords(a.text), 0));
    expect(done?.summary?.keywordCoverage).toBe(0.5); // PostgreSQL of [Kubernetes, PostgreSQL]
    expect(done?.summary?.overall).toBe(report.overall);
    expect(Object.keys(done?.summary?.competencies ?? {})).toEqual(report.plan.checklist.map((c) => c.competency));
  });

  it('restoreSession returns null for an unknown session or one without events', async () => {
    const repo = freshRepo();
    expect(await restoreSession(repo, 'nope')).toBeNull();
    await repo.saveSession(session('empty'));
    expect(await restoreSession(repo, 'empty')).toBeNull();
  });

  it('startSession without a seed makes a 6-character one', async () => {
    const repo = freshRepo();
    const live = await startSession(repo, { input: { type: 'behavioural', role: 'Designer', seniority: 'junior', minutes: 10, jobDescription: '' }, profileId: null, profileName: 'Guest' });
    expect(live.record.seed).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(live.scheduler.events[0]).toMatchObject({ type: 'started', seed: live.record.seed });
    expect((await repo.getSession(live.record.id))?.profileId).toBeNull();
  });
});
