/** Suggestions for a human interviewer: other questions for this part, and follow-ups on the answer so far. */
import { defaultBank, fillRole } from '../interview/bank';
import { matchFollowUpRules } from '../interview/follow-up-rules';
import { selectQuestion } from '../session/select';
import { rngFor } from '../session/rng';
import { isQuestionPhase } from '../session/plans';
import { uncoveredCompetencies, type SessionState } from '../session/state';

/** Up to `n` other bank questions the interviewer could ask now (none repeat an asked one). */
export function alternativeQuestions(state: SessionState, n = 3): string[] {
  const plan = state.plan;
  const phase = plan?.phases[state.phaseIndex];
  if (!plan || !phase || !isQuestionPhase(phase.kind)) return [];
  const asked = new Set(state.askedQuestionIds);
  const out: string[] = [];
  for (let i = 0; i < n * 3 && out.length < n; i++) {
    const q = selectQuestion({ bank: defaultBank, plan, phase, uncovered: uncoveredCompetencies(state), asked, rng: rngFor(state.seed, `peer-alt:${state.prompts.length}:${i}`) });
    if (!q) break;
    asked.add(q.id);
    out.push(fillRole(q.text, plan.role));
  }
  return out;
}

/** Follow-ups the rules suggest for the candidate's answer so far (from the bank's follow-up phrases). */
export function followUpIdeas(state: SessionState, answer: string): string[] {
  const plan = state.plan;
  const cur = state.current;
  if (!plan || !cur || answer.trim() === '') return [];
  const category = cur.questionId ? (defaultBank.byId.get(cur.questionId)?.category ?? null) : null;
  const matches = matchFollowUpRules({ answer, category, keywords: plan.keywords, technologies: defaultBank.technologies, usedRules: [], probedTopics: state.probedTopics });
  return matches.map((m) => {
    const phrases = defaultBank.followUps[m.rule];
    const phrase = phrases[state.prompts.length % phrases.length] ?? '';
    return m.topic ? phrase.replace(/\{tech\}/g, m.topic) : phrase;
  });
}
