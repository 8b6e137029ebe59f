import type { Repository } from '../db/repository';
import type { Profile } from '../db/types';
import type { PlanInput } from '../session/plan-input';
import { startSession } from '../session/session-service';
import { setLiveSession } from './live-session';
import { navigate } from './router';

/** Start an interview and open the interview room. */
export async function startInterview(repo: Repository, profile: Profile | null, input: PlanInput, seed: string | null): Promise<void> {
  const live = await startSession(repo, {
    input,
    profileId: profile?.id ?? null,
    profileName: profile?.name ?? 'Guest',
    seed,
  });
  setLiveSession(live);
  navigate({ name: 'interview', id: live.record.id });
}
