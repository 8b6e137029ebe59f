import type { InterviewPlan } from '../../session/types';

/** The phases with their minutes, the checklist and the job-description keywords. */
export function PlanPreview({ plan }: { plan: InterviewPlan }) {
  return (
    <div class="plan-preview" data-testid="plan-preview">
      <h2>Plan</h2>
      <ol class="phases">
        {plan.phases.map((p, i) => (
          <li key={i}>
            {p.label} <span class="muted">· {p.minutes} min</span>
          </li>
        ))}
      </ol>
      <h3>Checklist</h3>
      <ul class="chips">
        {plan.checklist.map((c) => (
          <li key={c.competency}>{c.label}</li>
        ))}
      </ul>
      {plan.keywords.length > 0 && (
        <>
          <h3>From the job description</h3>
          <ul class="chips" data-testid="plan-keywords">
            {plan.keywords.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
