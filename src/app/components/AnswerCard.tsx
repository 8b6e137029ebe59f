import type { AnswerReport } from '../../analysis/report';
import { describePace } from '../../analysis/metrics';
import { formatDuration } from '../format';

const STAR_NAMES = [
  ['situation', 'Situation'],
  ['task', 'Task'],
  ['action', 'Action'],
  ['result', 'Result'],
] as const;

/** One question with the candidate's answer, its metrics and suggestions. */
export function AnswerCard({ a, index }: { a: AnswerReport; index: number }) {
  const m = a.metrics;
  return (
    <article class="card answer-card" data-testid="answer-card" data-prompt-id={a.promptId}>
      <h3>
        <span class="muted">
          {index + 1}. {a.kind === 'follow-up' ? 'Follow-up' : a.phaseLabel}
        </span>
        <br />
        {a.question}
      </h3>
      {a.answer === null ? (
        <p class="muted">{a.skipped ? 'Skipped.' : 'Not answered.'}</p>
      ) : (
        <blockquote>{a.answer}</blockquote>
      )}
      {m && (
        <dl class="metrics">
          <div>
            <dt>Words</dt>
            <dd data-testid="m-words">{m.wordCount}</dd>
          </div>
          <div>
            <dt>Answering time</dt>
            <dd data-testid="m-time">{formatDuration(m.durationMs)}</dd>
          </div>
          <div>
            <dt>Words per minute{m.mode === 'typed' ? ' (typed)' : ''}</dt>
            <dd data-testid="m-wpm">
              {m.wordsPerMinute ?? '–'} <span class="muted small">{describePace(m.wordsPerMinute, m.mode)}</span>
            </dd>
          </div>
          <div>
            <dt>Filler words</dt>
            <dd data-testid="m-fillers">
              {m.fillers.total}
              {m.fillers.total > 0 && (
                <span class="muted small">
                  {' '}
                  ({Object.entries(m.fillers.byFiller)
                    .map(([w, n]) => `${w} ×${n}`)
                    .join(', ')})
                </span>
              )}
            </dd>
          </div>
          {m.speech && (
            <>
              <div>
                <dt>Speaking time</dt>
                <dd data-testid="m-speaking">{formatDuration(m.speech.speakingMs)}</dd>
              </div>
              <div>
                <dt>Pauses over 2 s</dt>
                <dd data-testid="m-pauses">
                  {m.speech.pausesOver2s}
                  {m.speech.pausesOver2s > 0 && <span class="muted small"> (longest {formatDuration(m.speech.longestPauseMs)})</span>}
                </dd>
              </div>
              <div>
                <dt>Fillers per minute</dt>
                <dd data-testid="m-fillers-per-min">{m.speech.fillersPerMinute ?? '–'}</dd>
              </div>
              <div>
                <dt>Time to first word</dt>
                <dd data-testid="m-first-word">{m.speech.firstWordMs === null ? '–' : formatDuration(m.speech.firstWordMs)}</dd>
              </div>
            </>
          )}
          <div>
            <dt>STAR parts</dt>
            <dd data-testid="m-star">
              {STAR_NAMES.map(([k, label]) => (
                <span key={k} class={`star ${m.star[k] ? 'yes' : 'no'}`}>
                  {m.star[k] ? '✓' : '✗'} {label}{' '}
                </span>
              ))}
            </dd>
          </div>
          <div>
            <dt>Job keywords used</dt>
            <dd data-testid="m-keywords">{m.keywordsUsed.length > 0 ? m.keywordsUsed.join(', ') : 'none'}</dd>
          </div>
        </dl>
      )}
      {a.suggestions.length > 0 && (
        <ul class="suggestions">
          {a.suggestions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
