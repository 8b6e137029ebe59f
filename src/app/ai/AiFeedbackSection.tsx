import { useRef, useState } from 'preact/hooks';
import type { SessionRecord } from '../../db/types';
import type { SessionReport } from '../../analysis/report';
import { generateFeedback, type AiFeedback } from '../../llm/feedback';
import { useApp } from '../context';
import { errorMessage } from '../format';
import { getChatBackend } from './interviewer-service';
import { useAiInterviewer } from './AiInterviewer';

/** Written feedback from the AI interviewer: per answer strengths, gaps and a stronger version; rubric scores. */
export function AiFeedbackSection({ record, report, onSaved }: { record: SessionRecord; report: SessionReport; onSaved(f: AiFeedback): void }) {
  const { repo, settings, notify } = useApp();
  const ai = useAiInterviewer();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fb = record.aiFeedback;
  const labels = new Map(report.competencies.map((c) => [c.competency, c.label]));
  const questions = new Map(report.answers.map((a) => [a.promptId, a.question]));

  const run = async (): Promise<void> => {
    const b = getChatBackend();
    if (!b) return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    setProgress({ done: 0, total: 0 });
    try {
      const f = await generateFeedback(b.backend, report, {
        reproducible: settings.reproducible,
        constrainJson: b.constrainJson,
        signal: ctrl.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      await repo.updateSession(record.id, { aiFeedback: f, updatedAt: Date.now() });
      onSaved(f);
    } catch (e) {
      if (!ctrl.signal.aborted) notify(`Could not write the feedback: ${errorMessage(e)}`, 'error');
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <div class="card" data-testid="ai-feedback" data-state={fb ? 'done' : progress ? 'running' : 'none'}>
      <h2>Written feedback</h2>
      {!fb && !progress && (ai.status.state === 'ready' ? (
        <button type="button" onClick={() => void run()}>
          Get written feedback from the AI interviewer
        </button>
      ) : (
        <p class="muted">
          Written feedback (strengths, gaps and a stronger version of each answer) comes from the AI interviewer: <a href="#/settings">load it in Settings</a>.
        </p>
      ))}
      {progress && (
        <div class="field" role="status">
          <label for="fb-progress">
            Writing feedback: {progress.done} of {progress.total || '…'} answers
          </label>
          <progress id="fb-progress" max={progress.total || 1} value={progress.done} />{' '}
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {fb && (
        <div>
          <p class="muted small">
            By {fb.engine.replace(/^[a-z]+:/, '')}. Rubric scores (1–5):{' '}
            {fb.competencies
              .filter((c) => c.score !== null)
              .map((c) => `${labels.get(c.competency) ?? c.competency} ${c.score}${c.source === 'rules' ? ' (rules)' : ''}`)
              .join(' · ') || 'none'}
          </p>
          {fb.answers.map((a) => (
            <div key={a.promptId} class="fb-answer" data-source={a.source}>
              <h3>{questions.get(a.promptId) ?? `Answer ${a.promptId}`}</h3>
              <p>
                <strong>Strengths:</strong> {a.strengths.join(' ')}
              </p>
              <p>
                <strong>To improve:</strong> {a.gaps.join(' ')}
              </p>
              {a.stronger && (
                <p>
                  <strong>A stronger answer:</strong> {a.stronger}
                </p>
              )}
              <p class="muted small">
                Score {a.score}/5{a.source === 'rules' ? ` · from the rules: ${a.fallbackReason ?? 'no AI feedback'}` : ''}
              </p>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
