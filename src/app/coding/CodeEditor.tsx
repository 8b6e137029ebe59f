import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { basicSetup } from 'codemirror';
import { Annotation, Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { tags } from '@lezer/highlight';

export interface CodeEditorProps {
  value: string;
  language: 'js' | 'ts';
  onChange(code: string): void;
  onRun(): void;
  onSubmit(): void;
  /** Accessible name of the editing area. */
  label: string;
}

const MAX_PENDING_ECHOES = 50;

/** Marks transactions that replace the document from the `value` prop, so they don't echo through onChange. */
const External = Annotation.define<boolean>();

/** Editor chrome from the app's CSS variables: follows light and dark themes without reconfiguring. */
export const appTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--text)', height: '100%', fontSize: '0.95rem' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace", lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--accent-soft)',
  },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--accent)' },
  '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: 'var(--error-bg)', outline: '1px solid var(--danger)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--warn-bg)', outline: '1px solid var(--warn-text)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--surface)', color: 'var(--muted)', border: '1px solid var(--border)' },
});

/** Syntax colours readable on both backgrounds (≥ 4.5:1 against --bg in light and dark). */
export const appHighlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'light-dark(#8a2b8f, #e2a6f0)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'light-dark(#1d6b36, #8fdca5)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'light-dark(#a04100, #ffb780)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'light-dark(#1f4e8c, #8db8f0)' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'light-dark(#7a5200, #f0cf7a)' },
  { tag: [tags.definition(tags.variableName)], color: 'var(--text)', fontWeight: '600' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

/** CodeMirror 6 editor for JavaScript / TypeScript. Mod-Enter runs, Mod-Shift-Enter submits; Escape then Tab leaves. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const languageConf = useRef(new Compartment());
  const labelConf = useRef(new Compartment());
  /**
   * Documents sent through onChange that the parent may still echo back as `value`. While typing fast,
   * a render can carry an older document than the editor's; such echoes must not overwrite newer text.
   */
  const emitted = useRef<string[]>([]);

  useEffect(() => {
    if (!host.current) return;
    const runKeys = Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run: () => (latest.current.onRun(), true), preventDefault: true },
        { key: 'Mod-Shift-Enter', run: () => (latest.current.onSubmit(), true), preventDefault: true },
      ]),
    );
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          runKeys,
          basicSetup,
          keymap.of([indentWithTab]),
          languageConf.current.of(javascript({ typescript: latest.current.language === 'ts' })),
          labelConf.current.of(EditorView.contentAttributes.of({ 'aria-label': latest.current.label })),
          appTheme,
          syntaxHighlighting(appHighlight),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            if (u.transactions.some((t) => t.annotation(External))) return;
            const doc = u.state.doc.toString();
            emitted.current.push(doc);
            if (emitted.current.length > MAX_PENDING_ECHOES) emitted.current.shift();
            latest.current.onChange(doc);
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // External value changes (restore, language switch, reset): replace the doc only when it differs and
  // is not an echo of the editor's own earlier text.
  useLayoutEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current === props.value) {
      emitted.current = [];
      return;
    }
    if (emitted.current.includes(props.value)) return;
    emitted.current = [];
    const head = Math.min(v.state.selection.main.head, props.value.length);
    v.dispatch({
      changes: { from: 0, to: current.length, insert: props.value },
      selection: { anchor: head },
      annotations: External.of(true),
    });
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageConf.current.reconfigure(javascript({ typescript: props.language === 'ts' })) });
  }, [props.language]);

  useEffect(() => {
    view.current?.dispatch({ effects: labelConf.current.reconfigure(EditorView.contentAttributes.of({ 'aria-label': props.label })) });
  }, [props.label]);

  return <div class="code-editor" ref={host} />;
}
