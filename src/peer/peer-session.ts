/**
 * A peer-to-peer mock interview, independent of any UI: the pairing link, the roles, the interviewer's
 * scheduler and its sync to the candidate, the live transcript, the rubric, the shared code and its runs,
 * persistence on both sides, and re-pairing into the same session after a dropped connection.
 *
 * Truth: the interviewer's scheduler log (events) is the source of the interview's state; the candidate
 * keeps a copy written to its own IndexedDB in log order. Transcript lines and rubric scores are merged by
 * id on both sides, so everything can be resent after a re-pair without duplicates.
 */
import type { Repository } from '../db/repository';
import type { SessionRecord } from '../db/types';
import type { PlanInput } from '../session/plan-input';
import type { SessionEvent } from '../session/types';
import type { InterviewerEngine } from '../session/engine';
import type { RunRequest, RunResult, CodeLanguage } from '../coding/types';
import { SessionScheduler } from '../session/scheduler';
import { applyEvent, cloneState, reduceEvents, type SessionState } from '../session/state';
import { finishSession, restoreSession, startSession } from '../session/session-service';
import { defaultBank } from '../interview/bank';
import { decodeSignal, PairingCodeError, type PeerRole } from './codec';
import { PeerLink, type LinkState } from './connection';
import { encodeMessage, EVENTS_PER_MESSAGE, parseMessage, PROTOCOL_VERSION, type OutgoingMessage, type PeerMessage, type ParseResult } from './protocol';
import { attributeEarlyLines, batchesFrom, EventReceiver, mergeBy } from './sync';
import { SharedCode } from './shared-code';
import type { PeerInfo, PeerRunSummary, RubricScore, TranscriptLine } from './types';

export interface PeerControllerDeps {
  repo: Repository;
  appVersion: string;
  /** This person's name, shown to the partner. */
  name: string;
  /** What this person wants to practise (used when they are the candidate). */
  planInput: PlanInput;
  iceServers: RTCIceServer[];
  /** Runs code in this device's sandbox (the candidate's side runs every test). */
  runCode(req: RunRequest): Promise<RunResult>;
  /** The interviewer's suggestions engine (a local LLM when loaded); null = scripted. */
  engine?: InterviewerEngine | null;
  /** Called for every dropped message (default console.warn). */
  log?(message: string): void;
}

export type LinkView = 'none' | LinkState;

export interface PeerView {
  link: LinkView;
  role: PeerRole;
  partnerName: string | null;
  partnerApp: string | null;
  /** Set when the partner speaks another protocol version. */
  versionMismatch: string | null;
  error: string | null;
  /** The pairing code this side shows (invitation or answer), if any. */
  myCode: { kind: 'offer' | 'answer'; code: string } | null;
  sessionId: string | null;
  half: number;
  state: SessionState | null;
  /** Session time (ms) as the interviewer's scheduler last reported it. */
  clockT: number;
  clockRunning: boolean;
  lines: TranscriptLine[];
  scores: RubricScore[];
  problemId: string | null;
  language: CodeLanguage;
  running: boolean;
  lastRun: PeerRunSummary | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  dropped: number;
  lastDropped: string | null;
  /** True once the session's report is complete on this device. */
  finished: boolean;
}

function lineId(role: PeerRole): string {
  const r = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `${role}-${Date.now().toString(36)}-${r}`;
}

export function toRunSummary(problemId: string, r: RunResult, at = Date.now()): PeerRunSummary {
  return {
    problemId,
    passed: r.passed,
    total: r.total,
    ms: Math.round(r.ms),
    ...(r.compileError ? { compileError: r.compileError.message.slice(0, 900) } : {}),
    ...(r.fatal ? { fatal: r.fatal.slice(0, 900) } : {}),
    tests: r.results.slice(0, 100).map((t) => ({ passed: t.passed, ...(t.error ? { error: t.error.slice(0, 900) } : t.diff ? { error: t.diff.slice(0, 900) } : {}) })),
    at,
  };
}

export class PeerController {
  private view: PeerView;
  private readonly listeners = new Set<(v: PeerView) => void>();
  private link: PeerLink | null = null;
  private scheduler: SessionScheduler | null = null;
  private unsubscribe: (() => void) | null = null;
  private record: SessionRecord | null = null;
  private events: SessionEvent[] = [];
  private receiver: EventReceiver | null = null;
  /** Interviewer: events the candidate has, on the current link (null until it asks). */
  private sentEvents: number | null = null;
  private code: SharedCode | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private codeSaveTimer: ReturnType<typeof setTimeout> | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  /** Interviewer: session time at which each candidate line arrived (answer start times). */
  private readonly receivedT = new Map<string, number>();
  /** Lines said before a session existed; attached to the next session. */
  private pendingLines: TranscriptLine[] = [];
  private starting = false;
  private autoPaused = false;
  private finishing = false;
  private readonly log: (m: string) => void;
  private readonly codeListeners = new Set<(c: SharedCode | null) => void>();

  /** Update who this person is and how to connect (the app's settings may change while paired). */
  configure(patch: Partial<Pick<PeerControllerDeps, 'name' | 'planInput' | 'iceServers' | 'engine'>>): void {
    Object.assign(this.deps, patch);
  }

  constructor(private readonly deps: PeerControllerDeps, role: PeerRole = 'interviewer') {
    this.log = deps.log ?? ((m) => console.warn(`[peer] ${m}`));
    this.view = {
      link: 'none',
      role,
      partnerName: null,
      partnerApp: null,
      versionMismatch: null,
      error: null,
      myCode: null,
      sessionId: null,
      half: 1,
      state: null,
      clockT: 0,
      clockRunning: false,
      lines: [],
      scores: [],
      problemId: null,
      language: 'js',
      running: false,
      lastRun: null,
      localStream: null,
      remoteStream: null,
      dropped: 0,
      lastDropped: null,
      finished: false,
    };
  }

  // ---- observation ---------------------------------------------------------------------------

  get snapshot(): PeerView {
    return this.view;
  }
  subscribe(fn: (v: PeerView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  /** The shared code document of the current session (null before one exists). */
  get sharedCode(): SharedCode | null {
    return this.code;
  }
  onSharedCode(fn: (c: SharedCode | null) => void): () => void {
    this.codeListeners.add(fn);
    return () => this.codeListeners.delete(fn);
  }
  /** Session time now, on the interviewer's side (the scheduler's clock). */
  schedulerNow(): number | null {
    return this.scheduler?.now() ?? null;
  }

  private set(patch: Partial<PeerView>): void {
    this.view = { ...this.view, ...patch };
    for (const fn of this.listeners) fn(this.view);
  }

  private setCode(c: SharedCode | null): void {
    this.code?.destroy();
    this.code = c;
    if (c) c.doc.on('update', () => this.scheduleCodeSave());
    for (const fn of this.codeListeners) fn(c);
  }

  // ---- pairing --------------------------------------------------------------------------------

  /** Ask for the camera and microphone (optional: the interview works without them). */
  async enableMedia(): Promise<void> {
    if (this.view.localStream) return;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    this.set({ localStream: stream });
  }

  disableMedia(): void {
    this.view.localStream?.getTracks().forEach((t) => t.stop());
    this.set({ localStream: null });
  }

  private linkOptions() {
    return {
      iceServers: this.deps.iceServers,
      media: this.view.localStream,
      onState: (s: LinkState) => this.onLinkState(s),
      onMessage: (data: unknown) => this.onMessage(data),
      onRemoteStream: (stream: MediaStream) => this.set({ remoteStream: stream }),
    };
  }

  private replaceLink(link: PeerLink | null): void {
    this.link?.close();
    this.link = link;
    this.sentEvents = null;
  }

  /** Host: create an invitation. Before a session exists the host chooses its role. */
  async createInvite(role: PeerRole = this.view.role): Promise<string> {
    if (!this.view.sessionId) this.set({ role });
    this.replaceLink(null);
    this.set({ link: 'gathering', error: null, myCode: null });
    try {
      const { link, code } = await PeerLink.offer(this.linkOptions(), this.view.role);
      this.replaceLink(link);
      this.set({ link: link.state, myCode: { kind: 'offer', code } });
      return code;
    } catch (err) {
      this.set({ link: 'none', error: `Could not create the invitation: ${errText(err)}` });
      throw err;
    }
  }

  /** Guest: answer an invitation code or link. Returns the answer code to send back. */
  async acceptInvite(input: string): Promise<string> {
    const offer = await decodeSignal(input);
    if (offer.kind !== 'offer') throw new PairingCodeError('This is an answer code. Paste it on the device that made the invitation.');
    const role: PeerRole = offer.role === 'interviewer' ? 'candidate' : 'interviewer';
    if (this.view.sessionId && role !== this.view.role) {
      throw new PairingCodeError(`You are the ${this.view.role} in this session, and so is the person who made this invitation. One of you must play the other role.`);
    }
    this.replaceLink(null);
    this.set({ role, error: null, myCode: null, link: 'gathering' });
    try {
      const { link, code } = await PeerLink.answer(this.linkOptions(), offer);
      this.replaceLink(link);
      this.set({ link: link.state, myCode: { kind: 'answer', code } });
      return code;
    } catch (err) {
      this.set({ link: 'none', error: `Could not answer the invitation: ${errText(err)}` });
      throw err;
    }
  }

  /** Host: the guest's answer code. */
  async acceptAnswer(input: string): Promise<void> {
    if (!this.link) throw new PairingCodeError('Create an invitation first.');
    performance.mark('peer-answer-pasted');
    await this.link.accept(input);
    this.set({ link: this.link.state });
  }

  private onLinkState(s: LinkState): void {
    this.set({ link: s });
    if (s === 'open') {
      performance.mark('peer-channel-open');
      this.send({ type: 'hello', app: this.deps.appVersion, name: this.deps.name, role: this.view.role, ...(this.view.role === 'candidate' ? { planInput: this.deps.planInput } : {}) });
      if (this.scheduler && this.autoPaused) {
        this.autoPaused = false;
        void this.scheduler.resume();
      }
    } else if ((s === 'disconnected' || s === 'failed') && this.scheduler?.running && this.view.state?.status === 'running') {
      // Time stops while the two of you re-pair; nothing said or scored is lost.
      this.autoPaused = true;
      void this.scheduler.pause();
    }
  }

  // ---- restoring ------------------------------------------------------------------------------

  /** The latest unfinished peer session this device ran as the interviewer, if any. */
  static async findUnfinished(repo: Repository): Promise<SessionRecord | undefined> {
    const sessions = await repo.listSessions();
    return sessions.find((s) => s.status === 'active' && s.peer?.role === 'interviewer');
  }

  /** Interviewer: continue a session after a closed tab; then create an invitation to re-pair. */
  async restoreInterviewer(id: string): Promise<void> {
    const live = await restoreSession(this.deps.repo, id, undefined, this.deps.engine ?? null);
    if (!live?.record.peer) throw new Error('That peer session is not on this device.');
    const peer = live.record.peer;
    this.record = live.record;
    this.attachScheduler(live.scheduler);
    this.set({
      role: 'interviewer',
      sessionId: id,
      half: peer.half,
      partnerName: peer.partnerName,
      lines: peer.lines,
      scores: peer.scores,
      problemId: peer.problemId,
      language: peer.language,
      lastRun: peer.lastRun,
      state: live.scheduler.snapshot,
      clockT: live.scheduler.now(),
    });
    this.setCode(new SharedCode((m) => this.send(m), peer.code));
    this.autoPaused = live.scheduler.snapshot.status !== 'ended';
  }

  // ---- messages -------------------------------------------------------------------------------

  /** Sends text as is on the data channel (the E2E tests use it to send invalid messages). */
  sendRaw(text: string): boolean {
    return this.link?.send(text) ?? false;
  }

  private send(m: OutgoingMessage): void {
    this.link?.send(encodeMessage(m));
  }

  /** Every received message goes through here: validated, and dropped (logged) when invalid. */
  onMessage(data: unknown): void {
    const r = parseMessage(data);
    if (!r.ok) return this.drop(r);
    try {
      this.handle(r.message);
    } catch (err) {
      this.log(`a ${r.message.type} message could not be handled: ${errText(err)}`);
    }
  }

  private drop(r: Extract<ParseResult, { ok: false }>): void {
    this.log(`dropped a ${r.kind} message: ${r.reason}`);
    this.set({
      dropped: this.view.dropped + 1,
      lastDropped: `${r.kind}: ${r.reason}`,
      ...(r.kind === 'version'
        ? {
            versionMismatch: `Your partner uses a different app version (message protocol ${JSON.stringify(r.version ?? 'unknown')}, this app speaks ${PROTOCOL_VERSION}). Both of you should reload the app to get its latest version, then pair again.`,
          }
        : {}),
    });
  }

  private handle(m: PeerMessage): void {
    const sid = this.view.sessionId;
    switch (m.type) {
      case 'hello':
        return this.onHello(m);
      case 'session':
        if (this.view.role === 'candidate') void this.adoptSession(m.meta);
        return;
      case 'sync-request':
        if (this.view.role === 'interviewer' && m.sessionId === sid) {
          this.sentEvents = Math.min(m.have, this.events.length);
          this.flushEvents();
        }
        return;
      case 'events':
        if (this.view.role === 'candidate' && m.sessionId === sid) this.receiveEvents(m.from, m.events);
        return;
      case 'clock':
        if (this.view.role === 'candidate' && m.sessionId === sid) this.set({ clockT: m.t, clockRunning: m.running });
        return;
      case 'lines':
        if (m.sessionId === sid) this.mergeLines(this.view.role === 'interviewer' ? attributeEarlyLines(m.lines, this.view.state?.current?.promptId ?? null) : m.lines);
        return;
      case 'scores':
        if (m.sessionId === sid && this.view.role === 'candidate') {
          const { merged, changed } = mergeBy(this.view.scores, m.scores, (s) => s.promptId);
          if (changed) {
            this.set({ scores: merged });
            this.persistPeer();
          }
        }
        return;
      case 'yjs':
        this.code?.applyRemote(m.update);
        return;
      case 'yjs-sv':
        this.code?.answerStateVector(m.sv);
        return;
      case 'problem':
        if (m.sessionId === sid) {
          this.set({ problemId: m.problemId, language: m.language });
          this.persistPeer();
        }
        return;
      case 'run-request':
        if (m.sessionId === sid && this.view.role === 'candidate') void this.run();
        return;
      case 'run-started':
        if (m.sessionId === sid) this.set({ running: true });
        return;
      case 'run-result':
        if (m.sessionId === sid) this.onRunResult(m.run);
        return;
      case 'swap':
        if (this.view.role === 'candidate') {
          this.resetSession();
          this.set({ role: 'interviewer', half: m.half });
        }
        return;
      case 'ready':
        if (this.view.role === 'interviewer' && !this.view.sessionId) void this.startInterview(m.planInput);
        return;
    }
  }

  private onHello(m: Extract<PeerMessage, { type: 'hello' }>): void {
    this.set({ partnerName: m.name || 'Your partner', partnerApp: m.app });
    if (m.role === this.view.role) {
      this.set({ error: `You both chose to be the ${m.role}. One of you must create a new invitation with the other role.` });
      return;
    }
    if (this.view.role !== 'interviewer') return;
    if (this.view.sessionId) this.sendHandshake();
    else if (m.planInput) void this.startInterview(m.planInput);
  }

  // ---- interviewer ------------------------------------------------------------------------------

  private attachScheduler(s: SessionScheduler): void {
    this.unsubscribe?.();
    this.scheduler = s;
    this.events = [...s.events];
    this.unsubscribe = s.subscribe((state) => {
      this.events = [...s.events];
      this.set({ state, clockT: s.now(), clockRunning: s.running });
      this.flushEvents();
      // The plan's coding round puts its problem in the shared editor.
      const problemId = state.current?.problemId;
      if (problemId && problemId !== this.view.problemId) this.setProblem(problemId);
      if (state.status === 'ended') void this.finish();
    });
    this.timer ??= setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    const s = this.scheduler;
    const sid = this.view.sessionId;
    if (!s || !sid) return;
    void s.tick().catch(() => undefined);
    this.set({ clockT: s.now(), clockRunning: s.running });
    this.send({ type: 'clock', sessionId: sid, t: s.now(), running: s.running });
  }

  private async startInterview(input: PlanInput): Promise<void> {
    if (this.starting || this.view.sessionId) return;
    this.starting = true;
    try {
      const live = await startSession(this.deps.repo, { input, profileId: null, profileName: this.view.partnerName ?? 'Peer', engine: this.deps.engine ?? null });
      const peer = this.newPeerInfo('interviewer');
      await this.deps.repo.updateSession(live.record.id, { peer, engine: `peer:${live.record.engine}` });
      this.record = { ...live.record, peer };
      this.set({ sessionId: live.record.id, lines: peer.lines, scores: [], problemId: null, lastRun: null, finished: false, state: live.scheduler.snapshot });
      this.setCode(new SharedCode((m) => this.send(m)));
      this.attachScheduler(live.scheduler);
      this.persistPeer();
      this.sendHandshake();
    } catch (err) {
      this.set({ error: `Could not start the interview: ${errText(err)}` });
    } finally {
      this.starting = false;
    }
  }

  private newPeerInfo(role: PeerRole): PeerInfo {
    const lines = this.pendingLines;
    this.pendingLines = [];
    return { role, partnerName: this.view.partnerName ?? 'Peer', half: this.view.half, lines, scores: [], code: null, problemId: null, language: 'js', lastRun: null };
  }

  /** Interviewer → candidate after (re)connecting: the session, scores, lines, the code's state. */
  private sendHandshake(): void {
    const sid = this.view.sessionId;
    const s = this.scheduler;
    if (!sid || !s || !this.record || !s.snapshot.plan) return;
    this.send({ type: 'session', meta: { sessionId: sid, half: this.view.half, plan: s.snapshot.plan, seed: s.snapshot.seed, createdAt: this.record.createdAt } });
    this.sendLines(this.view.lines);
    this.send({ type: 'scores', sessionId: sid, scores: this.view.scores });
    if (this.view.problemId) this.send({ type: 'problem', sessionId: sid, problemId: this.view.problemId, language: this.view.language });
    if (this.view.lastRun) this.send({ type: 'run-result', sessionId: sid, run: this.view.lastRun });
    this.send({ type: 'clock', sessionId: sid, t: s.now(), running: s.running });
    this.code?.sendStateVector();
  }

  private flushEvents(): void {
    const sid = this.view.sessionId;
    if (!sid || this.sentEvents === null || this.link?.state !== 'open') return;
    for (const b of batchesFrom(this.events, this.sentEvents, EVENTS_PER_MESSAGE)) this.send({ type: 'events', sessionId: sid, from: b.from, events: b.events });
    this.sentEvents = this.events.length;
  }

  /** Interviewer: record the candidate's answer to the current prompt (from their transcript) and move on. */
  async next(): Promise<void> {
    const s = this.scheduler;
    const cur = s?.snapshot.current;
    if (!s || !cur) return;
    const mine = this.view.lines.filter((l) => l.speaker === 'candidate' && l.promptId === cur.promptId);
    const text = mine.map((l) => l.text).join(' ').trim();
    if (text === '') return s.skip(cur.promptId);
    const starts = mine.map((l) => this.receivedT.get(l.id)).filter((t): t is number => t !== undefined);
    await s.answer(cur.promptId, text, starts.length ? Math.min(...starts) : null, mine.some((l) => l.source === 'speech') ? 'spoken' : 'typed');
  }

  async skip(): Promise<void> {
    const cur = this.scheduler?.snapshot.current;
    if (cur) await this.scheduler?.skip(cur.promptId);
  }

  async pause(): Promise<void> {
    this.autoPaused = false;
    await this.scheduler?.pause();
  }
  async resume(): Promise<void> {
    await this.scheduler?.resume();
  }
  async end(): Promise<void> {
    await this.scheduler?.end();
  }

  /** Interviewer: score an answer (1–5) with notes; the candidate's copy gets it at once. */
  score(promptId: number, score: number, notes: string): void {
    const sid = this.view.sessionId;
    if (!sid || this.view.role !== 'interviewer') return;
    const entry: RubricScore = { promptId, score: Math.max(1, Math.min(5, Math.round(score))), notes: notes.slice(0, 4000), at: Date.now() };
    const { merged } = mergeBy(this.view.scores, [entry], (s) => s.promptId);
    this.set({ scores: merged });
    this.persistPeer();
    this.send({ type: 'scores', sessionId: sid, scores: [entry] });
  }

  /** Interviewer: put a problem in the shared editor (its starter code replaces an empty document). */
  setProblem(problemId: string, language: CodeLanguage = this.view.language): void {
    const sid = this.view.sessionId;
    const problem = defaultBank.problems.find((p) => p.id === problemId);
    if (!sid || !problem) return;
    this.set({ problemId, language });
    if (this.code && this.code.toString().trim() === '') this.code.replace(problem.starter[language]);
    this.send({ type: 'problem', sessionId: sid, problemId, language });
    this.persistPeer();
  }

  /** Interviewer: end this half and swap: the partner interviews you with a fresh plan. */
  async swap(): Promise<void> {
    if (this.view.role !== 'interviewer') return;
    if (this.scheduler && this.view.state?.status !== 'ended') await this.scheduler.end();
    await this.writes;
    const half = this.view.half + 1;
    this.resetSession();
    this.set({ role: 'candidate', half });
    this.send({ type: 'swap', half });
    this.send({ type: 'ready', planInput: this.deps.planInput });
  }

  private resetSession(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.scheduler = null;
    this.record = null;
    this.events = [];
    this.receiver = null;
    this.sentEvents = null;
    this.autoPaused = false;
    this.finishing = false;
    this.setCode(null);
    this.set({ sessionId: null, state: null, lines: [], scores: [], problemId: null, lastRun: null, running: false, clockT: 0, clockRunning: false, finished: false });
  }

  // ---- candidate ------------------------------------------------------------------------------

  private async adoptSession(meta: Extract<PeerMessage, { type: 'session' }>['meta']): Promise<void> {
    await this.queue(async () => {
      if (this.view.sessionId !== meta.sessionId) {
        const { repo } = this.deps;
        let record = await repo.getSession(meta.sessionId);
        if (!record) {
          const now = Date.now();
          record = {
            id: meta.sessionId,
            profileId: null,
            profileName: this.deps.name,
            role: meta.plan.role,
            seniority: meta.plan.seniority,
            type: meta.plan.type,
            minutes: meta.plan.totalMinutes,
            seed: meta.seed,
            engine: 'peer',
            status: 'active',
            createdAt: meta.createdAt,
            updatedAt: now,
            endedAt: null,
            checkpointT: 0,
            summary: null,
            peer: { ...this.newPeerInfo('candidate'), half: meta.half },
          };
          await repo.saveSession(record);
        }
        const peer = record.peer ?? this.newPeerInfo('candidate');
        this.events = await repo.listEvents(meta.sessionId);
        this.receiver = new EventReceiver(this.events.length);
        this.record = record;
        this.set({
          sessionId: meta.sessionId,
          half: meta.half,
          state: reduceEvents(this.events),
          lines: peer.lines,
          scores: peer.scores,
          problemId: peer.problemId,
          language: peer.language,
          lastRun: peer.lastRun,
          finished: record.status === 'completed',
        });
        this.setCode(new SharedCode((m) => this.send(m), peer.code));
      }
      const sid = meta.sessionId;
      this.send({ type: 'sync-request', sessionId: sid, have: this.receiver?.count ?? 0 });
      this.sendLines(this.view.lines.filter((l) => l.speaker === 'candidate'));
      this.code?.sendStateVector();
    });
  }

  private receiveEvents(from: number, events: SessionEvent[]): void {
    const receiver = this.receiver;
    const sid = this.view.sessionId;
    if (!receiver || !sid) return;
    void this.queue(async () => {
      const { apply, resendFrom } = receiver.receive({ from, events });
      if (apply.length > 0) {
        await this.deps.repo.appendEvents(sid, apply);
        this.events.push(...apply);
        const state = cloneState(this.view.state ?? reduceEvents([]));
        for (const e of apply) applyEvent(state, e);
        this.set({ state });
        if (state.status === 'ended') await this.finishLocked();
      }
      if (resendFrom !== null) this.send({ type: 'sync-request', sessionId: sid, have: resendFrom });
    });
  }

  /** Candidate: run the shared code against the problem's tests in this device's sandbox; both see the result. */
  async run(): Promise<void> {
    const sid = this.view.sessionId;
    const problem = defaultBank.problems.find((p) => p.id === this.view.problemId);
    if (!sid || !problem || !this.code) return;
    if (this.view.role !== 'candidate') {
      this.send({ type: 'run-request', sessionId: sid });
      return;
    }
    if (this.view.running) return;
    this.set({ running: true });
    this.send({ type: 'run-started', sessionId: sid });
    const req: RunRequest = {
      code: this.code.toString(),
      language: this.view.language,
      entry: problem.signature.name,
      tests: problem.tests.map((t) => ({ input: t.input, expected: t.expected })),
      compare: problem.compare,
    };
    let summary: PeerRunSummary;
    try {
      summary = toRunSummary(problem.id, await this.deps.runCode(req));
    } catch (err) {
      summary = { problemId: problem.id, passed: 0, total: problem.tests.length, ms: 0, fatal: `The sandbox failed: ${errText(err)}`, tests: [], at: Date.now() };
    }
    this.onRunResult(summary);
    this.send({ type: 'run-result', sessionId: sid, run: summary });
  }

  private onRunResult(run: PeerRunSummary): void {
    this.set({ lastRun: run, running: false });
    this.persistPeer();
    const s = this.scheduler;
    const cur = s?.snapshot.current;
    if (s && cur && cur.problemId === run.problemId) {
      void s.recordCoding(cur.promptId, {
        action: 'run',
        passed: run.passed,
        total: run.total,
        ms: run.ms,
        ...(run.compileError ? { compileError: run.compileError } : {}),
        ...(run.fatal ? { fatal: run.fatal } : {}),
        failedNotes: [],
      });
    }
  }

  // ---- both -------------------------------------------------------------------------------------

  /**
   * A line this person said: from their own speech-to-text (source 'speech') or typed. It is stored
   * here and sent to the partner; no audio is kept.
   */
  say(text: string, source: 'speech' | 'typed' = 'typed'): TranscriptLine | null {
    const clean = text.trim().slice(0, 4000);
    if (clean === '') return null;
    const line: TranscriptLine = { id: lineId(this.view.role), speaker: this.view.role, text: clean, at: Date.now(), promptId: this.view.state?.current?.promptId ?? null, source };
    const sid = this.view.sessionId;
    if (!sid) {
      this.pendingLines.push(line);
      this.set({ lines: [...this.view.lines, line] });
      return line;
    }
    this.mergeLines([line]);
    this.sendLines([line]);
    return line;
  }

  private sendLines(lines: TranscriptLine[]): void {
    const sid = this.view.sessionId;
    if (!sid) return;
    for (let i = 0; i < lines.length; i += 50) this.send({ type: 'lines', sessionId: sid, lines: lines.slice(i, i + 50) });
  }

  private mergeLines(incoming: TranscriptLine[]): void {
    const { merged, changed } = mergeBy(this.view.lines, incoming, (l) => l.id);
    if (!changed) return;
    const now = this.scheduler?.now();
    if (now !== undefined) for (const l of incoming) if (l.speaker === 'candidate' && !this.receivedT.has(l.id)) this.receivedT.set(l.id, now);
    this.set({ lines: merged });
    this.persistPeer();
  }

  private queue<T>(op: () => Promise<T>): Promise<T> {
    const p = this.writes.then(op);
    this.writes = p.catch((err: unknown) => this.set({ error: `Could not save: ${errText(err)}` }));
    return p;
  }

  private peerInfo(): PeerInfo | null {
    const r = this.record;
    if (!r) return null;
    return {
      role: this.view.role,
      partnerName: this.view.partnerName ?? r.peer?.partnerName ?? 'Peer',
      half: this.view.half,
      lines: this.view.lines,
      scores: this.view.scores,
      code: this.code ? this.code.snapshot() : (r.peer?.code ?? null),
      problemId: this.view.problemId,
      language: this.view.language,
      lastRun: this.view.lastRun,
    };
  }

  private persistPeer(): void {
    const sid = this.view.sessionId;
    if (!sid) return;
    void this.queue(async () => {
      const peer = this.peerInfo();
      if (!peer || this.view.sessionId !== sid) return;
      await this.deps.repo.updateSession(sid, { peer });
      if (this.record) this.record = { ...this.record, peer };
    });
  }

  private scheduleCodeSave(): void {
    if (this.codeSaveTimer) return;
    this.codeSaveTimer = setTimeout(() => {
      this.codeSaveTimer = null;
      this.persistPeer();
    }, 400);
  }

  private async finish(): Promise<void> {
    await this.queue(() => this.finishLocked());
  }

  private async finishLocked(): Promise<void> {
    const sid = this.view.sessionId;
    if (!sid || this.finishing || this.view.finished) return;
    this.finishing = true;
    await finishSession(this.deps.repo, sid, this.events);
    if (this.view.sessionId === sid) this.set({ finished: true });
  }

  /** Wait until every pending write is in IndexedDB (tests, before navigating away). */
  async flush(): Promise<void> {
    await this.writes;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.codeSaveTimer) clearTimeout(this.codeSaveTimer);
    this.unsubscribe?.();
    this.replaceLink(null);
    this.code?.destroy();
    this.view.localStream?.getTracks().forEach((t) => t.stop());
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
