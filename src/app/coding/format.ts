import { formatValue } from '../../coding/compare';
import type { Problem } from '../../coding/types';

/** "nums = [2,7,11,15], target = 9": call arguments named after the signature's parameters. */
export function formatArgs(problem: Problem, input: readonly unknown[], maxLen = 200): string {
  return input.map((v, i) => `${problem.signature.params[i]?.name ?? `arg${i + 1}`} = ${formatValue(v, maxLen)}`).join(', ');
}

export { formatValue };

/** True on Apple platforms, where Mod is ⌘ rather than Ctrl. */
export function isApple(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/i.test(navigator.userAgent);
}

/** "Ctrl+Enter" or "⌘+Enter" for display; `aria` gives the aria-keyshortcuts form. */
export function shortcut(shift: boolean, aria = false): string {
  const mod = aria ? (isApple() ? 'Meta' : 'Control') : isApple() ? '⌘' : 'Ctrl';
  return [mod, shift ? 'Shift' : null, 'Enter'].filter(Boolean).join('+');
}
