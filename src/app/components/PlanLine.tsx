import { planTypeLabel, type PlanInput } from '../../session/plan-input';

/** "Mixed · Software engineer · mid-level · 20 min" */
export function planLine(input: PlanInput): string {
  return `${planTypeLabel(input.type)} · ${input.role} · ${input.seniority}-level · ${input.minutes} min`;
}

export function PlanLine({ input }: { input: PlanInput }) {
  return <span data-testid="plan-line">{planLine(input)}</span>;
}
