import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A button that takes focus when it appears (confirmation dialogs). The HTML autofocus attribute is
 * ignored by browsers once the page has a focused element, so focus is moved explicitly.
 */
export function AutoFocusButton(props: { class?: string; onClick(): void; children: ComponentChildren }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button ref={ref} type="button" class={props.class} onClick={props.onClick}>
      {props.children}
    </button>
  );
}
