import type { AiFeedback } from '../llm/feedback';
import type { InterviewType, Seniority, SessionEvent } from '../session/types';
import type { PeerInfo } from '../peer/types';

export type Theme = 'system' | 'light' | 'dark';

export interface Profile {
  id: string;
  name: string;
  /** Target role, free text (e.g. "Backend engineer"). */
  role: string;
  seniority: Seniority;
  jobDescription: string;
  resume: string;
  /** Preferred interview type and length, remembered per profile. */
  interviewType: InterviewType;
  minutes: number;
  createdAt: number;
  updatedAt: number;
}

export interface Settings {
  activeProfileId: string | null;
  /** Web Speech voice URI; null = browser default. */
  voiceURI: string | null;
  /** Speech rate, 0.5–2. */
  voiceRate: number;
  cameraEnabled: boolean;
  /** Gentle live camera cues (at most one every 20 s) while the camera is on. */
  cameraCues: boolean;
  theme: Theme;
  /** Speak the interviewer's lines (when the browser has a voice). */
  speakQuestions: boolean;
  /** How answers are given; voice needs the speech-to-text model. */
  answerMode: 'typed' | 'voice';
  /** Speech-to-text model (catalogue id). */
  sttModel: string;
  /** Where speech-to-text runs: 'auto' = WebGPU on a hardware GPU, else WebAssembly. */
  sttDevice: 'auto' | 'wasm' | 'webgpu';
  /** Where model files come from: null = automatic (this site's /models/ if present, else the public hosts). */
  modelBaseUrl: string | null;
  /** Which interviewer runs the interview: 'auto' picks the best engine this device can run. */
  interviewer: 'auto' | 'webllm' | 'transformers' | 'scripted';
  /** LLM catalogue id; null = the chosen engine's default. */
  llmModel: string | null;
  /** Load the AI interviewer when the setup screen opens (set after the first successful load). */
  llmAutoLoad: boolean;
  persona: 'friendly' | 'neutral' | 'tough';
  /** Temperature 0: the same seed and answers give the same interview. */
  reproducible: boolean;
  /**
   * STUN/TURN server URLs for peer interviews (e.g. "stun:stun.example.org:3478"); empty by default, so
   * pairing works only on the same network or machine and nothing is sent to a third party.
   */
  peerIceServers: string[];
}

export const DEFAULT_SETTINGS: Settings = {
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
};

export type SessionStatus = 'active' | 'completed';

/** Headline numbers kept on the session row so History does not replay every log. */
export interface SessionSummary {
  overall: number | null;
  answered: number;
  skipped: number;
  words: number;
  fillers: number;
  avgWpm: number | null;
  keywordCoverage: number;
  competencies: Record<string, number | null>;
}

export interface SessionRecord {
  id: string;
  profileId: string | null;
  /** Snapshot of who was interviewed, so a report survives the profile's deletion or an import. */
  profileName: string;
  role: string;
  seniority: Seniority;
  type: InterviewType;
  minutes: number;
  seed: string;
  engine: string;
  status: SessionStatus;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** Last known session time (ms of active interview time), checkpointed while running. */
  checkpointT: number;
  summary: SessionSummary | null;
  /** Written feedback from the AI interviewer, when the candidate asked for it. */
  aiFeedback?: AiFeedback;
  /** A peer-to-peer interview (src/peer): this device's role, the live transcript, the rubric, the shared code. */
  peer?: PeerInfo;
}

/** One persisted event of a session's append-only log. */
export interface EventRow {
  seq?: number;
  sessionId: string;
  event: SessionEvent;
}

/** The answer being typed, saved as the candidate types. */
export interface DraftRow {
  sessionId: string;
  promptId: number;
  text: string;
  /** Session time at the first keystroke of this answer. */
  startedT: number | null;
  updatedAt: number;
}

/** Export file format (JSON). */
export const EXPORT_FORMAT = 'ai-interview-simulator/session';
export const EXPORT_VERSION = 1;

export interface SessionExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  app: string;
  session: SessionRecord;
  events: SessionEvent[];
}
