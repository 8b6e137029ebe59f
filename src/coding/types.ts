/** The coding round: problems, sandbox runs and results. Pure data shared by the UI, the agent and the sandbox. */

export type Difficulty = 'easy' | 'medium' | 'hard';
export type CodeLanguage = 'js' | 'ts';

/** How a test's actual value is compared with the expected one. */
export type CompareMode = 'exact' | 'unordered' | 'float';

export interface ProblemTest {
  /** Arguments passed to the function, in order (JSON values). */
  input: unknown[];
  expected: unknown;
  /** Why this test exists (e.g. "empty array"); never shown before a failure. */
  note?: string;
}

export interface Problem {
  /** Stable id, e.g. "two-sum". */
  id: string;
  title: string;
  difficulty: Difficulty;
  /** Plain text, paragraphs separated by blank lines. */
  statement: string;
  examples: { input: unknown[]; output: unknown; explanation?: string }[];
  /** The function the candidate writes. */
  signature: { name: string; params: { name: string; type: string }[]; returns: string };
  starter: Record<CodeLanguage, string>;
  /** Hidden tests (at least 8, edge cases included). */
  tests: ProblemTest[];
  compare: CompareMode;
  /** Expected complexity in big-O notation, e.g. "O(n)", "O(n log n)", "O(1)". */
  complexity: { time: string; space: string };
  /** Three levels: a nudge, an approach, nearly the solution. */
  hints: [string, string, string];
  /** Clarifications the interviewer can give (constraints, edge-case conventions). */
  notes: string[];
  tags: string[];
}

export interface RunLimits {
  memoryMb: number;
  stackKb: number;
  deadlineMs: number;
  maxSourceBytes: number;
  maxOutputBytes: number;
  maxConsoleLines: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  memoryMb: 32,
  stackKb: 128,
  deadlineMs: 2000,
  maxSourceBytes: 100_000,
  maxOutputBytes: 100_000,
  maxConsoleLines: 200,
};

export interface RunRequest {
  code: string;
  language: CodeLanguage;
  /** Name of the function to call. */
  entry: string;
  tests: { input: unknown[]; expected: unknown }[];
  compare: CompareMode;
  limits?: Partial<RunLimits>;
}

export interface TestResult {
  index: number;
  passed: boolean;
  input: unknown[];
  expected: unknown;
  /** The returned value as JSON-safe data (or a description such as "[Function]", "Symbol(x)", "10n"). */
  actual: unknown;
  /** Readable difference when it failed on a wrong value. */
  diff?: string;
  /** Error thrown, time limit, memory limit… with a clear message. */
  error?: string;
  ms: number;
  console: string[];
}

export interface RunResult {
  /** False when the code did not compile or the run as a whole was stopped. */
  ok: boolean;
  compileError?: { message: string; line?: number; column?: number };
  /** Why the whole run stopped (watchdog, crash), when it did. */
  fatal?: string;
  results: TestResult[];
  passed: number;
  total: number;
  ms: number;
}
