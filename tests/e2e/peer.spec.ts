import { expect, test } from '@playwright/test';
import { pair, say, twoPeople } from './peer-helpers';

/**
 * Two people, two browser contexts of one Chromium, connected peer to peer over loopback with no server:
 * the test carries the invitation and answer codes between the pages like users pasting them.
 * Transcript lines are TYPED into each side's "Add line" box: that is the same controller path
 * (PeerController.say) the speech-to-text feeds, so the lines travel and are stored exactly as spoken ones.
 */
test('pair, exchange transcript lines, score an answer; the score reaches the candidate report', async ({ browser }) => {
  const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
  await pair(interviewer, candidate, { hostRole: 'interviewer' });
  await expect(interviewer.getByTestId('peer-role')).toHaveText('interviewer');
  await expect(candidate.getByTestId('peer-role')).toHaveText('candidate');

  // The scheduler runs on the interviewer's side; its state syncs to the candidate.
  const question = interviewer.getByTestId('question');
  await expect(question).toBeVisible();
  const first = (await question.textContent())!.trim();
  await expect(candidate.getByTestId('candidate-question')).toHaveText(first);
  await expect(candidate.getByTestId('phase-label')).toHaveText((await interviewer.getByTestId('phase-label').textContent())!);

  await say(interviewer, first);
  const answer = 'In my last role I led the migration of our billing system to a new database, and I cut the monthly costs by 30 percent.';
  await say(candidate, answer);
  await expect(interviewer.getByTestId('peer-transcript')).toContainText(answer);
  await expect(candidate.getByTestId('peer-transcript')).toContainText(first);
  await expect(interviewer.getByTestId('answer-so-far')).toHaveText(answer);

  // Score the answer with notes, then move on.
  const promptId = await question.getAttribute('data-prompt-id');
  const rubric = interviewer.getByTestId(`rubric-${promptId}`);
  await rubric.getByLabel('4', { exact: true }).check();
  await rubric.getByLabel('Notes for the candidate').fill('Clear result; say more about your own decisions.');
  await rubric.getByRole('button', { name: 'Save score' }).click();
  await expect(rubric.getByRole('status')).toHaveText('Saved: 4/5');
  await interviewer.getByRole('button', { name: 'Record answer, next question' }).click();
  await expect(question).not.toHaveAttribute('data-prompt-id', promptId!);
  await expect(candidate.getByTestId('candidate-question')).toHaveText((await question.textContent())!.trim());

  await interviewer.getByRole('button', { name: 'End interview' }).click();
  await expect(interviewer.getByRole('heading', { name: 'The interview has ended' })).toBeVisible();
  await candidate.getByTestId('open-report').click();
  const report = candidate.getByTestId('peer-report');
  await expect(report).toBeVisible();
  await expect(report.getByTestId(`peer-score-${promptId}`)).toContainText('4/5');
  await expect(report.getByTestId(`peer-score-${promptId}`)).toContainText('Clear result; say more about your own decisions.');
  // The automatic metrics of the same answer are there too.
  await expect(candidate.getByTestId('transcript')).toContainText(answer);
  await expect(candidate.getByTestId('totals')).toContainText('1 answered');
  for (const c of contexts) await c.close();
});
