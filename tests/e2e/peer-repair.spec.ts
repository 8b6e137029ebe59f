import { expect, test } from '@playwright/test';
import { pair, say, twoPeople } from './peer-helpers';

test('closing the candidate side mid-session and re-pairing continues the same session with nothing lost', async ({ browser }) => {
  const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
  await pair(interviewer, candidate, { hostRole: 'interviewer' });
  const question = interviewer.getByTestId('question');
  const p0 = await question.getAttribute('data-prompt-id');
  await say(candidate, 'First answer: I owned the release process and cut rollbacks by half over two quarters.');
  await expect(interviewer.getByTestId('answer-so-far')).toContainText('First answer');
  const rubric = interviewer.getByTestId(`rubric-${p0}`);
  await rubric.getByLabel('5 – excellent').check();
  await rubric.getByLabel('Notes for the candidate').fill('Great numbers.');
  await rubric.getByRole('button', { name: 'Save score' }).click();
  await interviewer.getByRole('button', { name: 'Record answer, next question' }).click();
  await expect(question).not.toHaveAttribute('data-prompt-id', p0!);
  const p1 = await question.getAttribute('data-prompt-id');
  await expect(candidate.getByTestId('candidate-question')).toHaveAttribute('data-prompt-id', p1!);
  await say(interviewer, 'Take your time with this one.');
  await expect(candidate.getByTestId('peer-transcript')).toContainText('Take your time');

  // The candidate closes the tab.
  await candidate.close();
  await expect(interviewer.getByTestId('connection-lost')).toBeVisible({ timeout: 30_000 });
  await expect(interviewer.getByTestId('peer-transcript')).toContainText('First answer');

  // The candidate opens the app again in the same browser; the interviewer makes a new invitation.
  const again = await contexts[1]!.newPage();
  await again.goto('/#/peer');
  await pair(interviewer, again);
  await expect(again.getByTestId('peer-role')).toHaveText('candidate');
  await expect(again.getByTestId('candidate-question')).toHaveAttribute('data-prompt-id', p1!);
  await expect(again.getByTestId('peer-transcript')).toContainText('First answer');
  await expect(again.getByTestId('peer-transcript')).toContainText('Take your time');

  // Continue: answer the second question, end, and read the candidate's report.
  await say(again, 'Second answer: I mentored two juniors and we shipped the search feature 3 weeks early.');
  await expect(interviewer.getByTestId('answer-so-far')).toContainText('Second answer');
  await interviewer.getByRole('button', { name: 'Record answer, next question' }).click();
  await interviewer.getByRole('button', { name: 'End interview' }).click();
  await again.getByTestId('open-report').click();
  await expect(again.getByTestId(`peer-score-${p0}`)).toContainText('5/5');
  await expect(again.getByTestId(`peer-score-${p0}`)).toContainText('Great numbers.');
  await expect(again.getByTestId('transcript')).toContainText('First answer');
  await expect(again.getByTestId('transcript')).toContainText('Second answer');
  await expect(again.getByTestId('totals')).toContainText('2 answered');
  for (const c of contexts) await c.close();
});

test('closing the interviewer side: the interviewer continues the unfinished session and re-pairs', async ({ browser }) => {
  const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
  await pair(interviewer, candidate, { hostRole: 'interviewer' });
  const p0 = await interviewer.getByTestId('question').getAttribute('data-prompt-id');
  await say(candidate, 'An answer given before the interviewer closed the tab.');
  await expect(interviewer.getByTestId('answer-so-far')).toContainText('before the interviewer closed');
  const rubric = interviewer.getByTestId(`rubric-${p0}`);
  await rubric.getByLabel('3 – adequate').check();
  await rubric.getByRole('button', { name: 'Save score' }).click();
  await expect(rubric.getByRole('status')).toHaveText('Saved: 3/5');
  await expect(candidate.getByTestId('peer-transcript')).toContainText('before the interviewer closed');

  await interviewer.close();
  await expect(candidate.getByTestId('connection-lost')).toBeVisible({ timeout: 30_000 });

  const back = await contexts[0]!.newPage();
  await back.goto('/#/peer');
  await back.getByRole('button', { name: 'Continue it' }).click();
  await expect(back.getByTestId('peer-transcript')).toContainText('before the interviewer closed');
  await pair(back, candidate);
  await expect(back.getByTestId('question')).toHaveAttribute('data-prompt-id', p0!);
  await expect(back.getByTestId('answer-so-far')).toContainText('before the interviewer closed');
  await expect(back.getByTestId(`rubric-${p0}`).getByRole('status')).toHaveText('Saved: 3/5');
  await back.getByRole('button', { name: 'Record answer, next question' }).click();
  await back.getByRole('button', { name: 'End interview' }).click();
  await candidate.getByTestId('open-report').click();
  await expect(candidate.getByTestId(`peer-score-${p0}`)).toContainText('3/5');
  await expect(candidate.getByTestId('transcript')).toContainText('before the interviewer closed');
  for (const c of contexts) await c.close();
});
