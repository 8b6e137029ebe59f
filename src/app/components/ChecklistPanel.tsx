import type { ChecklistItem, Competency } from '../../session/types';

/** The competencies this interview should cover, with the covered ones ticked (text, not only colour). */
export function ChecklistPanel({ items, covered }: { items: ChecklistItem[]; covered: ReadonlyMap<Competency, number> }) {
  const done = items.filter((i) => covered.has(i.competency)).length;
  return (
    <details class="checklist" open>
      <summary>
        Checklist <span class="muted">({done} of {items.length} covered)</span>
      </summary>
      <ul data-testid="checklist">
        {items.map((item) => {
          const isCovered = covered.has(item.competency);
          return (
            <li key={item.competency} class={isCovered ? 'covered' : ''} data-competency={item.competency} data-covered={isCovered ? 'true' : 'false'}>
              <span aria-hidden="true" class="tick">
                {isCovered ? '✓' : '○'}
              </span>{' '}
              {item.label}
              <span class="sr-only">{isCovered ? ', covered' : ', not yet covered'}</span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
