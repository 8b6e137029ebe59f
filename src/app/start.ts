import type { Repository } from '../db/repository';
import type { Profile, Settings } from '../db/types';
import { createInterviewerEngine } from './ai/interviewer-service';
import type { CandidateProfile } from '../llm/prompts';
import type { PlanInput } from '../session/plan-input';
import { startSession } from '../session/session-service';
import { setLiveSession } from './live-session';
import { navigate } from './router';

/** Start an interview and open the interview room. */
export async function startInterview(repo: Repository, profile: Profile | null, input: PlanInput, seed: string | null, settings: Settings): Promise<void> {
  const live = await startSession(repo, {
    input,
    profileId: profile?.id ?? null,
    profileName: profile?.name ?? 'Guest',
    seed,
    engine: createInterviewerEngine(settings, candidateProfile(profile, input)),
  });
  setLiveSession(live);
  navigate({ name: 'interview', id: live.record.id });
}

export function candidateProfile(profile: Profile | null, input?: PlanInput): CandidateProfile {
  return { name: profile?.name ?? 'Guest', jobDescription: input?.jobDescription ?? profile?.jobDescription ?? '', resume: profile?.resume ?? '' };
}
