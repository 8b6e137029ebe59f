/** Peer-to-peer mock interviews: the data both sides keep (pure data, persisted with the session). */
import type { PeerRole } from './codec';

export type { PeerRole };

/** One line of the live transcript, transcribed (or typed) on the speaker's own device. */
export interface TranscriptLine {
  /** `${speaker}-${n}`: unique per session, so lines resent after a re-pair are not duplicated. */
  id: string;
  speaker: PeerRole;
  text: string;
  /** Wall-clock time (epoch ms) on the speaker's device. */
  at: number;
  /** The interviewer's prompt that was current when the line was said (null before the first one). */
  promptId: number | null;
  /** How the line was made: speech-to-text on the speaker's device, or typed. */
  source: 'speech' | 'typed';
}

/** The interviewer's rubric score for one answer. */
export interface RubricScore {
  promptId: number;
  /** 1 (weak) – 5 (excellent). */
  score: number;
  notes: string;
  at: number;
}

/** Stored on the session record of a peer interview (each side keeps its own copy). */
export interface PeerInfo {
  /** The role this device played in this session. */
  role: PeerRole;
  /** The other person's name, as they gave it. */
  partnerName: string;
  /** 1 for the first half, 2 after "Swap roles", … */
  half: number;
  lines: TranscriptLine[];
  scores: RubricScore[];
  /** The shared editor's Yjs document (base64url update), so code survives a closed tab. */
  code: string | null;
  /** The problem in the shared editor, if the interviewer chose one. */
  problemId: string | null;
  language: 'js' | 'ts';
  /** The last sandbox run on the shared code, as both sides saw it. */
  lastRun: PeerRunSummary | null;
}

export interface PeerRunSummary {
  problemId: string;
  passed: number;
  total: number;
  ms: number;
  compileError?: string;
  fatal?: string;
  /** One entry per test: passed, and a short reason when not. */
  tests: { passed: boolean; error?: string }[];
  at: number;
}
