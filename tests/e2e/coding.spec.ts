import { test, expect, type Page } from '@playwright/test';
import { answer } from './helpers';
import problems from '../../src/coding/data/problems.json' with { type: 'json' };
import { SOLUTIONS } from '../fixtures/coding/solutions.mjs';

interface ProblemData {
  id: string;
  signature: { name: string };
  complexity: { time: string; space: string };
  tests: unknown[];
}

const INTRO = 'At my last job I was responsible for our payments API. I rewrote the retry logic and I added tests, and as a result failed payments dropped by 40 percent.';

/** Start a coding interview and answer the introduction; resolves with the problem of the coding round. */
async function startCodingRound(page: Page, seed: string): Promise<ProblemData> {
  await page.goto('/#/setup');
  await page.getByLabel('Coding', { exact: true }).check();
  await page.getByLabel('Length').selectOption('20');
  await page.getByLabel(/^Seed/).fill(seed);
  await page.getByRole('button', { name: 'Start interview' }).click();
  await answer(page, INTRO);
  await expect(page.getByTestId('coding-room')).toBeVisible({ timeout: 20_000 });
  const id = await page.locator('[data-problem-id]').first().getAttribute('data-problem-id');
  const problem = (problems as ProblemData[]).find((p) => p.id === id);
  if (!problem) throw new Error(`unknown problem ${id}`);
  return problem;
}

/** Replace the editor's content as a user would (select all, type). */
async function setCode(page: Page, code: string): Promise<void> {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function runTests(page: Page): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 60_000 });
}

test('coding round: failing then passing tests, a hint, the complexity question, submit, and the coding report', async ({ page }) => {
  const problem = await startCodingRound(page, 'CODE01');
  const solution = (SOLUTIONS as Record<string, { reference: string; wrong: string }>)[problem.id];
  if (!solution) throw new Error(`no fixture solution for ${problem.id}`);

  await setCode(page, solution.wrong);
  await runTests(page);
  await expect(page.getByTestId('test-summary')).toContainText(`of ${problem.tests.length}`);
  expect(await page.locator('[data-testid=test-result][data-passed=false]').count()).toBeGreaterThan(0);

  await page.getByTestId('hint-button').click();
  await expect(page.getByTestId('coding-room')).toContainText(/Hint 1/i);

  await setCode(page, solution.reference);
  await runTests(page);
  await expect(page.getByTestId('test-summary')).toContainText(`${problem.tests.length} of ${problem.tests.length}`);
  expect(await page.locator('[data-testid=test-result][data-passed=false]').count()).toBe(0);

  await page.getByLabel('Time and space complexity').fill(`${problem.complexity.time} time and ${problem.complexity.space} space`);
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(page.getByTestId('complexity-feedback')).toBeVisible();

  const before = await page.getByTestId('question').getAttribute('data-prompt-id');
  await page.getByTestId('submit-button').click();
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', before ?? '');
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();

  const report = page.getByTestId('coding-report');
  await expect(report).toBeVisible();
  await expect(report.getByTestId('coding-tests')).toHaveText(`${problem.tests.length} of ${problem.tests.length}`);
  await expect(report.getByTestId('coding-runs')).toHaveText('2');
  await expect(report.getByTestId('coding-hints')).toHaveText('1');
  await expect(report.getByTestId('coding-first-pass')).toHaveText(/\d+ s|\d+ min/);
  await expect(report.getByTestId('coding-complexity')).toContainText('time ✓ correct');
  await expect(report.getByTestId('coding-score')).toHaveText(/^\d(\.\d+)?\/5$/);
});

test('an infinite loop is stopped with a message and the editor stays responsive', async ({ page }) => {
  const problem = await startCodingRound(page, 'LOOP01');
  await setCode(page, `function ${problem.signature.name}() {\n  while (true) {}\n}`);
  await runTests(page);
  await expect(page.getByTestId('coding-room')).toContainText(/Time limit exceeded/);
  // The page and the editor still respond.
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n// still typing');
  await expect(page.locator('.cm-content')).toContainText('// still typing');
  // The code typed so far is kept in the session: a reload restores it.
  await page.waitForTimeout(1200);
  await page.reload();
  await page.getByRole('button', { name: 'Resume interview' }).click();
  await expect(page.locator('.cm-content')).toContainText('// still typing');
});
