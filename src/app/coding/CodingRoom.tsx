import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodeLanguage, Problem, RunRequest, RunResult } from '../../coding/types';
import { CodeEditor } from './CodeEditor';
import { ProblemPanel } from './ProblemPanel';
import { HintPanel } from './HintPanel';
import { AskPanel } from './AskPanel';
import { TestResults, type RunStatus } from './TestResults';
import { shortcut } from './format';
import './coding.css';

export interface CodingRoomProps {
  problem: Problem;
  code: string;
  language: CodeLanguage;
  onCodeChange(code: string): void;
  onLanguageChange(l: CodeLanguage): void;
  /** Runs the hidden tests (the sandbox client's run); Stop aborts `signal`. */
  run(req: RunRequest, opts?: { signal?: AbortSignal }): Promise<RunResult>;
  /** Reveals the next hint (the caller counts it), or null when none are left. */
  onHint(): { text: string; level: number } | null;
  hintsUsed: number;
  /** The result of a run of the submitted code, or null when that run failed without a result. */
  onSubmit(result: RunResult | null): void;
  /** Every completed run (the caller may count runs). */
  onRunResult?(r: RunResult): void;
  /** Answers a clarifying question. */
  onAsk(question: string): string;
}

export function buildRunRequest(problem: Problem, code: string, language: CodeLanguage): RunRequest {
  return {
    code,
    language,
    entry: problem.signature.name,
    tests: problem.tests.map((t) => ({ input: t.input, expected: t.expected })),
    compare: problem.compare,
  };
}

const LANGUAGES: { value: CodeLanguage; label: string }[] = [
  { value: 'js', label: 'JavaScript' },
  { value: 'ts', label: 'TypeScript' },
];

/** The coding round: problem | editor | tests, with Run/Stop/Submit, hints and clarifying questions. */
export function CodingRoom(props: CodingRoomProps) {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [result, setResult] = useState<RunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  /** The code and language `result` was produced from, so Submit can reuse an up-to-date run. */
  const resultKey = useRef<string | null>(null);
  // The editor reports changes before the parent re-renders: keep the freshest code for keyboard runs.
  const code = useRef(props.code);
  const lastPropCode = useRef(props.code);
  if (props.code !== lastPropCode.current) {
    lastPropCode.current = props.code;
    code.current = props.code;
  }
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => () => controller.current?.abort(), []);

  // A new problem: forget the previous problem's results and cancel its run.
  const problemId = useRef(props.problem.id);
  useEffect(() => {
    if (problemId.current === props.problem.id) return;
    problemId.current = props.problem.id;
    controller.current?.abort();
    controller.current = null;
    resultKey.current = null;
    setResult(null);
    setError(null);
    setStatus('idle');
  }, [props.problem.id]);

  const busy = status === 'running' || status === 'submitting';

  function changeCode(c: string) {
    code.current = c;
    props.onCodeChange(c);
  }

  /** Runs the tests; `stopped` when Stop was pressed (or the room unmounted). */
  async function runTests(mode: 'running' | 'submitting'): Promise<{ result: RunResult | null; stopped: boolean }> {
    if (controller.current) return { result: null, stopped: true };
    const ctrl = new AbortController();
    controller.current = ctrl;
    const { problem, language } = latest.current;
    const src = code.current;
    setStatus(mode);
    setError(null);
    try {
      const r = await latest.current.run(buildRunRequest(problem, src, language), { signal: ctrl.signal });
      if (ctrl.signal.aborted) return { result: null, stopped: true };
      setResult(r);
      resultKey.current = `${language}\n${src}`;
      setStatus('done');
      latest.current.onRunResult?.(r);
      return { result: r, stopped: false };
    } catch (err) {
      if (ctrl.signal.aborted) return { result: null, stopped: true };
      setError(err instanceof Error ? err.message : String(err));
      setStatus('error');
      return { result: null, stopped: false };
    } finally {
      if (controller.current === ctrl) controller.current = null;
    }
  }

  function run() {
    if (!controller.current) void runTests('running');
  }

  function stop() {
    const ctrl = controller.current;
    if (!ctrl) return;
    controller.current = null;
    ctrl.abort();
    setStatus('stopped');
  }

  async function submit() {
    if (controller.current) return;
    if (result && resultKey.current === `${latest.current.language}\n${code.current}`) {
      latest.current.onSubmit(result);
      return;
    }
    const r = await runTests('submitting');
    if (!r.stopped) latest.current.onSubmit(r.result);
  }

  /** Ctrl/⌘+Enter and Ctrl/⌘+Shift+Enter anywhere in the room (the editor handles its own and prevents default). */
  function onKeyDown(e: KeyboardEvent) {
    if (e.defaultPrevented || e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    e.preventDefault();
    if (e.shiftKey) void submit();
    else run();
  }

  const runKeys = shortcut(false);
  const submitKeys = shortcut(true);

  return (
    <div class="coding-room" data-testid="coding-room" onKeyDown={onKeyDown}>
      <div class="coding-grid">
        <div class="coding-pane coding-problem">
          <ProblemPanel problem={props.problem} />
          <HintPanel problem={props.problem} hintsUsed={props.hintsUsed} onHint={props.onHint} />
          <AskPanel onAsk={props.onAsk} />
        </div>
        <section class="coding-pane coding-editor-pane" aria-labelledby="coding-editor-title">
          <div class="coding-toolbar">
            <h2 id="coding-editor-title" class="sr-only">
              Your solution
            </h2>
            <label class="coding-language">
              <span>Language</span>
              <select
                value={props.language}
                disabled={busy}
                onChange={(e) => props.onLanguageChange((e.currentTarget as HTMLSelectElement).value as CodeLanguage)}
              >
                {LANGUAGES.map((l) => (
                  <option key={l.value} value={l.value}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" class="primary" data-testid="run-button" disabled={busy} onClick={run} aria-keyshortcuts={shortcut(false, true)}>
              Run <kbd aria-hidden="true">{runKeys}</kbd>
            </button>
            {busy && (
              <button type="button" class="danger" data-testid="stop-button" onClick={stop}>
                Stop
              </button>
            )}
            <button type="button" data-testid="submit-button" disabled={busy} onClick={() => void submit()} aria-keyshortcuts={shortcut(true, true)}>
              Submit solution <kbd aria-hidden="true">{submitKeys}</kbd>
            </button>
          </div>
          <p class="coding-editor-help small muted" id="coding-editor-help">
            Tab indents; press Escape then Tab to leave the editor. {runKeys} runs the tests, {submitKeys} submits.
          </p>
          <CodeEditor
            value={props.code}
            language={props.language}
            label={`Code editor, ${props.language === 'ts' ? 'TypeScript' : 'JavaScript'}`}
            onChange={changeCode}
            onRun={run}
            onSubmit={() => void submit()}
          />
        </section>
        <div class="coding-pane coding-results">
          <TestResults problem={props.problem} status={status} result={result} error={error} />
        </div>
      </div>
    </div>
  );
}
