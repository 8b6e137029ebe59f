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

test('invalid messages from the partner are ignored and logged; another protocol version is named; the session goes on', async ({ browser }) => {
  const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
  await pair(interviewer, candidate, { hostRole: 'interviewer' });
  await expect(candidate.getByTestId('candidate-question')).toBeVisible();
  const warnings: string[] = [];
  candidate.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await interviewer.evaluate(() => {
    const peer = (window as unknown as { __peer: { sendRaw(t: string): boolean } }).__peer;
    // Each must be accepted by the channel (under its 256 KiB limit) to reach the other side.
    const sent = [
      '{not json',
      JSON.stringify({ v: 1, type: 'lines', sessionId: 'x', lines: [{ id: 'a', speaker: 'hacker', text: 'x', at: 0, promptId: null, source: 'typed' }] }),
      JSON.stringify({ v: 1, type: 'self-destruct' }),
      JSON.stringify({ v: 1, type: 'yjs', update: 'A'.repeat(230_000) }),
      JSON.stringify({ v: 99, type: 'hello', app: '9.9.9', name: 'Future', role: 'interviewer' }),
    ].map((m) => peer.sendRaw(m));
    if (!sent.every(Boolean)) throw new Error(`not all sent: ${sent}`);
  });
  await expect(candidate.getByTestId('version-mismatch')).toContainText('different app version');
  await expect(candidate.getByTestId('dropped')).toContainText('Ignored 5 invalid message(s)');
  expect(warnings.filter((w) => w.includes('[peer] dropped')).length).toBe(5);
  // Still working: a line goes through afterwards.
  await say(interviewer, 'Still here after the noise.');
  await expect(candidate.getByTestId('peer-transcript')).toContainText('Still here after the noise.');
  for (const c of contexts) await c.close();
});

test('swap roles: the second half starts with a fresh plan, the former candidate interviewing', async ({ browser }) => {
  const { a: first, b: second, contexts } = await twoPeople(browser);
  await pair(first, second, { hostRole: 'interviewer' });
  await say(second, 'My first-half answer, given as the candidate.');
  await expect(first.getByTestId('answer-so-far')).toContainText('first-half answer');
  await first.getByRole('button', { name: 'Swap roles' }).click();
  await expect(first.getByTestId('peer-role')).toHaveText('candidate');
  await expect(second.getByTestId('peer-role')).toHaveText('interviewer');
  await expect(second.getByTestId('question')).toHaveAttribute('data-prompt-id', '0');
  await expect(first.getByTestId('candidate-question')).toHaveText((await second.getByTestId('question').textContent())!.trim());
  await expect(first.getByTestId('peer-status')).toContainText('half 2');
  // The second half's transcript starts empty; the first half stays in History on both devices.
  await expect(second.getByTestId('answer-so-far')).toContainText('nothing yet');
  for (const p of [first, second]) {
    await p.goto('/#/history');
    await expect(p.getByTestId('history-table').locator('tbody tr')).toHaveCount(2);
  }
  for (const c of contexts) await c.close();
});
