import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionScheduler } from '../../session/scheduler';
import type { CodingProgress } from '../../session/state';
import type { CodeLanguage, Problem, RunRequest, RunResult } from '../../coding/types';
import { answerClarifyingQuestion, checkComplexity, codingScore, complexityQuestion, nextHint, reviewCode } from '../../coding/agent';
import { SandboxClient } from '../../bridges/sandbox-client';
import { CodingRoom } from './CodingRoom';
import { errorMessage } from '../format';

interface Props {
  scheduler: SessionScheduler;
  promptId: number;
  problem: Problem;
  progress: CodingProgress;
  notify(message: string, kind?: 'info' | 'error'): void;
}

let sandbox: SandboxClient | null = null;
const sandboxClient = (): SandboxClient => (sandbox ??= new SandboxClient());

/**
 * The coding round inside the interview: the coding room (editor, hidden tests) wired to the sandbox, the
 * coding agent (clarifications, hints, the complexity question, the review) and the session log, where
 * the code is saved as it is typed and every run, hint and answer is recorded.
 */
export function CodingPhase({ scheduler, promptId, problem, progress, notify }: Props) {
  const [language, setLanguage] = useState<CodeLanguage>(progress.language);
  const [code, setCode] = useState(progress.code ?? problem.starter[progress.language]);
  const [lastRun, setLastRun] = useState<RunResult | null>(null);
  const [complexityText, setComplexityText] = useState('');
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ code, language });
  latest.current = { code, language };

  const record = (action: Parameters<SessionScheduler['recordCoding']>[1]): Promise<void> =>
    scheduler.recordCoding(promptId, action).catch((err: unknown) => notify(errorMessage(err), 'error'));

  const saveNow = (): void => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    void record({ action: 'code', code: latest.current.code, language: latest.current.language });
  };
  useEffect(() => {
    addEventListener('pagehide', saveNow);
    return () => {
      removeEventListener('pagehide', saveNow);
      if (pending.current) saveNow();
    };
  }, []);

  const onCodeChange = (next: string): void => {
    setCode(next);
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(saveNow, 800);
  };

  const run = async (req: RunRequest, opts?: { signal?: AbortSignal }): Promise<RunResult> => {
    saveNow();
    const result = await sandboxClient().run(req, opts);
    const failedNotes = result.results.filter((r) => !r.passed).map((r) => problem.tests[r.index]?.note ?? `test ${r.index + 1}`);
    await record({
      action: 'run',
      passed: result.passed,
      total: result.total,
      ms: Math.round(result.ms),
      ...(result.compileError ? { compileError: result.compileError.message.slice(0, 500) } : {}),
      ...(result.fatal ? { fatal: result.fatal.slice(0, 500) } : {}),
      failedNotes: failedNotes.slice(0, 50),
    });
    setLastRun(result);
    return result;
  };

  const onHint = (): { text: string; level: 1 | 2 | 3 } | null => {
    const hint = nextHint(problem, progress.hints.length);
    if (hint) void record({ action: 'hint', level: hint.level, text: hint.text });
    return hint;
  };

  const onAsk = (question: string): string => {
    const answer = answerClarifyingQuestion(problem, question);
    void record({ action: 'clarify', question: question.slice(0, 2000), answer });
    return answer;
  };

  const answerComplexity = (): void => {
    const verdict = checkComplexity(problem.complexity, complexityText);
    void record({ action: 'complexity', answer: complexityText.slice(0, 2000), time: verdict.time, space: verdict.space, feedback: verdict.feedback });
  };

  const onSubmit = async (result: RunResult | null): Promise<void> => {
    saveNow();
    const final = result ?? lastRun;
    const review = reviewCode(code, problem, final);
    const passed = final?.passed ?? 0;
    const total = final?.total ?? problem.tests.length;
    const { score } = codingScore({ passed, total, hintsUsed: progress.hints.length, runs: progress.runs, complexity: progress.complexity, review });
    await record({ action: 'submit', passed, total, review: review.points.slice(0, 50), score });
    const complexity = progress.complexity ? ` My complexity answer: ${progress.complexity.answer}.` : '';
    const summary = `I submitted a ${language === 'ts' ? 'TypeScript' : 'JavaScript'} solution to "${problem.title}": ${passed} of ${total} tests passed.${complexity}`;
    await scheduler.answer(promptId, summary, progress.startT, 'typed').catch((err: unknown) => notify(errorMessage(err), 'error'));
  };

  const passedAll = progress.lastRun !== null && progress.lastRun.total > 0 && progress.lastRun.passed === progress.lastRun.total;

  return (
    <div class="coding-phase" data-problem-id={problem.id}>
      <CodingRoom
        problem={problem}
        code={code}
        language={language}
        onCodeChange={onCodeChange}
        onLanguageChange={(l) => {
          setLanguage(l);
          if (code === problem.starter[language]) setCode(problem.starter[l]);
          latest.current = { code: code === problem.starter[language] ? problem.starter[l] : code, language: l };
          saveNow();
        }}
        run={run}
        onHint={onHint}
        hintsUsed={progress.hints.length}
        onSubmit={(r) => void onSubmit(r)}
        onAsk={onAsk}
      />
      {passedAll && (
        <div class="card complexity" data-testid="complexity">
          <p>
            <strong>Interviewer:</strong> {complexityQuestion()}
          </p>
          {progress.complexity ? (
            <p role="status" data-testid="complexity-feedback">
              {progress.complexity.feedback}
            </p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (complexityText.trim()) answerComplexity();
              }}
            >
              <label for="complexity-answer">Time and space complexity</label>{' '}
              <input id="complexity-answer" type="text" value={complexityText} onInput={(e) => setComplexityText(e.currentTarget.value)} placeholder="e.g. O(n) time, O(1) space" />{' '}
              <button type="submit">Answer</button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
