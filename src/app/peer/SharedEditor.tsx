import { useEffect, useRef, useState } from 'preact/hooks';
import { basicSetup } from 'codemirror';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { syntaxHighlighting } from '@codemirror/language';
import { appHighlight, appTheme } from '../coding/CodeEditor';
import { yCollab } from 'y-codemirror.next';
import type { PeerController, PeerView } from '../../peer/peer-session';
import type { SharedCode } from '../../peer/shared-code';
import { defaultBank } from '../../interview/bank';

/** A CodeMirror editor bound to the shared Yjs text: both people type in the same document. */
function CollabEditor({ code, language, onRun }: { code: SharedCode; language: 'js' | 'ts'; onRun(): void }) {
  const host = useRef<HTMLDivElement>(null);
  const run = useRef(onRun);
  run.current = onRun;
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: code.toString(),
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (run.current(), true), preventDefault: true }])),
          basicSetup,
          keymap.of([indentWithTab]),
          javascript({ typescript: language === 'ts' }),
          EditorView.contentAttributes.of({ 'aria-label': 'Shared code editor' }),
          appTheme,
          syntaxHighlighting(appHighlight),
          yCollab(code.text, null),
        ],
      }),
    });
    return () => view.destroy();
  }, [code, language]);
  return <div class="code-editor peer-editor" ref={host} data-testid="shared-editor" />;
}

/** The shared editor, the problem, and the last run's results (the same on both sides). */
export function SharedEditor({ controller, view }: { controller: PeerController; view: PeerView }) {
  const [code, setCode] = useState<SharedCode | null>(controller.sharedCode);
  useEffect(() => {
    setCode(controller.sharedCode);
    return controller.onSharedCode(setCode);
  }, [controller]);
  const problem = defaultBank.problems.find((p) => p.id === view.problemId) ?? null;
  if (!code || !problem) return null;
  const run = view.lastRun && view.lastRun.problemId === problem.id ? view.lastRun : null;
  return (
    <section class="card peer-coding" aria-labelledby="coding-title">
      <h2 id="coding-title">Shared editor: {problem.title}</h2>
      <details>
        <summary>Problem statement</summary>
        {problem.statement.split(/\n\s*\n/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </details>
      <CollabEditor code={code} language={view.language} onRun={() => void controller.run()} />
      <div class="actions">
        <button type="button" disabled={view.running || view.link !== 'open' && view.role !== 'candidate'} onClick={() => void controller.run()}>
          {view.role === 'candidate' ? 'Run tests' : "Run tests (on the candidate's device)"}
        </button>
        {view.running && <span role="status">Running…</span>}
      </div>
      <div aria-live="polite" data-testid="run-result">
        {run && (
          <p>
            <strong>
              {run.passed} of {run.total} tests passed
            </strong>{' '}
            <span class="muted small">({run.ms} ms)</span>
            {run.compileError && <span class="error-text"> — {run.compileError}</span>}
            {run.fatal && <span class="error-text"> — {run.fatal}</span>}
          </p>
        )}
      </div>
    </section>
  );
}
