import { expect, test, type Page } from '@playwright/test';
import { pair, twoPeople } from './peer-helpers';
import { SOLUTIONS } from '../fixtures/coding/solutions.mjs';

const editor = (p: Page) => p.getByTestId('shared-editor').locator('.cm-content');

test('shared editor: edits appear on both sides within a second; a run in the candidate sandbox reaches both; audio and video flow', async ({ browser }) => {
  const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
  await pair(interviewer, candidate, { hostRole: 'interviewer', media: true });

  // The call: both see the other's (fake) camera, with audio and video tracks live.
  for (const p of [interviewer, candidate]) {
    await expect.poll(() => p.evaluate(() => (document.querySelector('[data-testid=remote-video]') as HTMLVideoElement | null)?.videoWidth ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    const kinds = await p.evaluate(() => ((document.querySelector('[data-testid=remote-video]') as HTMLVideoElement).srcObject as MediaStream).getTracks().map((t) => `${t.kind}:${t.readyState}`).sort());
    expect(kinds).toEqual(['audio:live', 'video:live']);
  }

  await interviewer.getByTestId('problem-select').selectOption('two-sum');
  await expect(editor(candidate)).toContainText('function twoSum');
  await expect(editor(interviewer)).toContainText('function twoSum');

  // Candidate types at the end of the document: the interviewer sees it within a second, and back.
  await editor(candidate).click();
  await candidate.keyboard.press('Control+End');
  await candidate.keyboard.type('// candidate was here');
  await expect(editor(interviewer)).toContainText('// candidate was here', { timeout: 1000 });
  await editor(interviewer).click();
  await interviewer.keyboard.press('Control+End');
  await interviewer.keyboard.type(' and the interviewer too');
  await expect(editor(candidate)).toContainText('// candidate was here and the interviewer too', { timeout: 1000 });

  // The candidate pastes a solution and the interviewer asks for a run: it runs in the candidate's sandbox.
  await editor(candidate).click();
  await candidate.keyboard.press('Control+A');
  await candidate.keyboard.insertText(SOLUTIONS['two-sum']!.reference);
  await expect(editor(interviewer)).toContainText('seen.set(nums[i], i);', { timeout: 1000 });
  await interviewer.getByRole('button', { name: "Run tests (on the candidate's device)" }).click();
  for (const p of [candidate, interviewer]) await expect(p.getByTestId('run-result')).toContainText(/(\d+) of \1 tests passed/, { timeout: 30_000 });
  // A failing run reaches both too (the result is not cached).
  await candidate.keyboard.press('Control+A');
  await candidate.keyboard.insertText(SOLUTIONS['two-sum']!.wrong);
  await candidate.getByRole('button', { name: 'Run tests' }).click();
  for (const p of [candidate, interviewer]) await expect(p.getByTestId('run-result')).not.toContainText(/(\d+) of \1 tests passed/, { timeout: 30_000 });
  for (const c of contexts) await c.close();
});
