import { test, expect } from '@playwright/test';
import { answer, parseClock, questionText } from './helpers';

const ANSWER_1 = 'At my last job our deploys failed weekly. I was responsible for the pipeline, so I rewrote the scripts and I added smoke tests. As a result failures dropped by 80 percent in two months.';
const ANSWER_2 = 'In my previous role two teams disagreed on an API design. I organised a meeting, I wrote up both options with their costs, and we picked one in 30 minutes. Delivery then finished 2 weeks early.';
const DRAFT = 'When I was at a startup, the team was split on whether to rewrite the billing service. I proposed';

test('b. reload while typing: resumes at the same question with earlier answers, the draft and the time left intact', async ({ page }) => {
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await answer(page, ANSWER_1);
  await answer(page, ANSWER_2);
  const question = await questionText(page);
  const promptId = await page.getByTestId('question').getAttribute('data-prompt-id');
  await page.getByLabel('Your answer').pressSequentially(DRAFT, { delay: 5 });
  await expect(page.getByTestId('draft-status')).toContainText('draft saved');
  const leftBefore = parseClock((await page.getByTestId('total-time-left').textContent()) ?? '');

  await page.reload();

  // The app offers to resume, at the exact question, with the draft and the earlier answers.
  await expect(page.getByRole('button', { name: 'Resume interview' })).toBeVisible();
  await expect(page.getByTestId('question')).toHaveText(question);
  await expect(page.getByTestId('question')).toHaveAttribute('data-prompt-id', promptId ?? '');
  await expect(page.getByLabel('Your answer')).toHaveValue(DRAFT);
  await page.getByText(/Conversation so far/).click();
  await expect(page.getByTestId('conversation')).toContainText(ANSWER_1);
  await expect(page.getByTestId('conversation')).toContainText(ANSWER_2);
  // The clock did not run while the page was gone (a few seconds of slack for the checkpoint).
  const leftAfter = parseClock((await page.getByTestId('total-time-left').textContent()) ?? '');
  expect(Math.abs(leftAfter - leftBefore)).toBeLessThanOrEqual(6);

  await page.getByRole('button', { name: 'Resume interview' }).click();
  await expect(page.getByLabel('Your answer')).toBeEnabled();
  await page.getByLabel('Your answer').press('End');
  await page.getByLabel('Your answer').pressSequentially(' a staged migration. I wrote the plan and we shipped it in 6 weeks.');
  const fullAnswer = `${DRAFT} a staged migration. I wrote the plan and we shipped it in 6 weeks.`;
  await answer(page, fullAnswer);
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  await expect(page.getByTestId('transcript')).toContainText(fullAnswer);
  await expect(page.getByTestId('totals')).toContainText('3 answered');
});

test('closing the tab mid-interview: Home offers to resume the unfinished interview', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await answer(page, ANSWER_1);
  const question = await questionText(page);
  await page.close();

  const again = await context.newPage();
  await again.goto('/#/');
  await expect(again.getByTestId('resume-banner')).toBeVisible();
  await again.getByRole('link', { name: 'Resume interview' }).click();
  await expect(again.getByTestId('question')).toHaveText(question);
  await again.getByRole('button', { name: 'Resume interview' }).click();
  await answer(again, ANSWER_2);
});

test('IndexedDB unavailable: the app says so and runs in memory', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('/#/');
  await expect(page.getByText(/IndexedDB is unavailable/)).toBeVisible();
  await page.getByRole('button', { name: 'Start practice' }).click();
  await answer(page, ANSWER_1);
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  await expect(page.getByTestId('transcript')).toContainText(ANSWER_1);
});
