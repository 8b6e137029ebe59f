import { test, expect, type Page } from '@playwright/test';
import followUps from '../../src/interview/data/follow-ups.json' with { type: 'json' };
import { answer, createProfile, currentPromptId, onReport, questionText, waitForNext } from './helpers';

// Answers with hand-counted metrics (words: letters/digits/apostrophes/hyphens; fillers: um, basically, "you know").
const STRONG = {
  text: 'At my last job our checkout service kept timing out. I was responsible for fixing it, so I profiled the queries and I added an index. As a result, p95 latency dropped from 900 ms to 120 ms.',
  words: 38,
  fillers: 0,
  star: ['Situation', 'Task', 'Action', 'Result'],
};
const FILLERS = {
  text: 'Um, so basically I led the migration, you know, and I wrote the plan with the team. It took, um, three months and we cut costs by 30 percent.',
  words: 29,
  fillers: 4,
};
const SHORT = { text: 'I would ask my manager.', words: 5, fillers: 0 };

test('a. a profile, a full mixed interview with typed answers, and a report whose metrics match the answers', async ({ page }) => {
  await createProfile(page, {
    name: 'Ada',
    role: 'Backend engineer',
    seniority: 'mid',
    type: 'mixed',
    minutes: 20,
    jobDescription: 'We build payment APIs in TypeScript on PostgreSQL and Kubernetes. You will own PostgreSQL performance.',
  });
  await page.goto('/#/');
  await expect(page.getByTestId('plan-line')).toHaveText('Mixed · Backend engineer · mid-level · 20 min');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('question')).toBeVisible();
  await expect(page.getByTestId('phase-label')).toHaveText('Introduction');
  await expect(page.getByTestId('seed')).toHaveText(/^[A-Z0-9]{6}$/);

  // First answer typed over more than 3 s so that a typing speed can be measured.
  await page.getByLabel('Your answer').pressSequentially('At');
  await page.waitForTimeout(3200);
  await answer(page, STRONG.text);

  const given: string[] = [STRONG.text];
  let skipped = 0;
  const seenPhases = new Set<string>(['Introduction']);
  for (let i = 1; i < 60 && !(await onReport(page)); i++) {
    seenPhases.add((await page.getByTestId('phase-label').textContent()) ?? '');
    if (i === 3) {
      // Skip one question: recorded as skipped, covers nothing.
      const before = await currentPromptId(page);
      await page.getByRole('button', { name: 'Skip' }).click();
      await waitForNext(page, before);
      skipped++;
      continue;
    }
    const kind = await page.getByTestId('prompt-kind').textContent();
    const a = kind === 'Follow-up' ? STRONG : [STRONG, FILLERS, SHORT][i % 3]!;
    given.push(a.text);
    await answer(page, a.text);
  }
  expect(await onReport(page)).toBe(true);
  // Phases came in order and the interview went through all of them.
  expect([...seenPhases]).toEqual(['Introduction', 'Behavioural questions', 'Technical questions', 'Coding', 'Your questions', 'Wrap-up']);

  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  await expect(page.getByTestId('totals')).toContainText(`${given.length} answered, ${skipped} skipped`);
  // Every checklist item was covered by the strong answers.
  const covered = await page.getByTestId('competencies').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-covered')));
  expect(covered.length).toBeGreaterThanOrEqual(7);
  expect(covered.every((c) => c === 'true')).toBe(true);
  await expect(page.getByTestId('overall')).toHaveText(/^\d{1,3}$/);

  const cards = page.getByTestId('answer-card');
  const count = await cards.count();
  let checked = 0;
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    const quote = (await card.locator('blockquote').count()) ? await card.locator('blockquote').textContent() : null;
    const expected = [STRONG, FILLERS, SHORT].find((a) => a.text === quote);
    if (!expected) continue;
    checked++;
    await expect(card.getByTestId('m-words')).toHaveText(String(expected.words));
    await expect(card.getByTestId('m-fillers')).toContainText(String(expected.fillers));
    if (expected === STRONG) for (const part of STRONG.star) await expect(card.getByTestId('m-star')).toContainText(`✓ ${part}`);
    if (expected === SHORT) await expect(card.getByTestId('m-star')).toContainText('✗ Result');
  }
  expect(checked).toBe(given.length);
  // Words per minute is measured on the first answer and marked as typed.
  const first = cards.first();
  await expect(first.getByText('Words per minute (typed)')).toBeVisible();
  const wpm = Number((await first.getByTestId('m-wpm').textContent())?.trim().split(' ')[0]);
  expect(wpm).toBeGreaterThan(0);
  expect(wpm).toBeLessThan((STRONG.words / 3.2) * 60);
  // The job-description keyword appears in the report's coverage line (PostgreSQL was never mentioned).
  await expect(page.getByTestId('totals')).toContainText('job keywords used: 0 of');
  // The transcript has every answer.
  for (const text of new Set(given)) await expect(page.getByTestId('transcript')).toContainText(text);

  // History lists it with its score.
  await page.goto('/#/history');
  await expect(page.getByTestId('history-table')).toContainText('Backend engineer');
  await expect(page.getByTestId('history-table')).toContainText('/ 100');
});

test('a follow-up reacts to what was said: "we" without "I", a job-description technology', async ({ page }) => {
  await createProfile(page, { name: 'Bo', role: 'Backend engineer', jobDescription: 'Our stack: PostgreSQL, Kafka and Kubernetes. PostgreSQL tuning is key.' });
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await answer(page, 'We moved our reporting jobs to PostgreSQL last year, and we rewrote the schema together, which the whole team agreed made the nightly reports far more reliable for everyone involved.');
  await expect(page.getByTestId('prompt-kind')).toHaveText(/Follow-up/);
  // Intro: "we" but never "I" → one of the "what did you personally do" phrasings.
  await expect(page.getByTestId('question')).toHaveAttribute('data-rule', 'no-first-person');
  // The follow-up quotes the answer ('You said "we moved our reporting jobs…". What did you…?').
  const fuText = await questionText(page);
  expect(followUps['no-first-person'].some((f) => fuText.endsWith(f))).toBe(true);
  expect(fuText.toLowerCase()).toContain('reporting jobs');
  await answer(page, STRONG.text);
  // Next question (behavioural): mention PostgreSQL with an "I" and a number → the technology is probed.
  await answer(page, 'In my last role I owned our PostgreSQL cluster. I noticed slow queries during the monthly close, so I added partial indexes and I rewrote two reports. As a result the close finished in 2 hours instead of 9.');
  await expect(page.getByTestId('prompt-kind')).toHaveText(/Follow-up/);
  await expect(page.getByTestId('question')).toHaveAttribute('data-rule', 'jd-technology');
  await expect(page.getByTestId('question')).toContainText('PostgreSQL');
});

async function firstQuestions(page: Page, seed: string, n: number): Promise<string[]> {
  await page.goto('/#/setup');
  await page.getByLabel(/^Seed/).fill(seed);
  await page.getByRole('button', { name: 'Start interview' }).click();
  await expect(page.getByTestId('seed')).toHaveText(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await questionText(page));
    await answer(page, STRONG.text);
  }
  return out;
}

test('e. the same seed gives the same questions; another seed gives others', async ({ browser }) => {
  const run = async (seed: string): Promise<string[]> => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const q = await firstQuestions(page, seed, 5);
    await ctx.close();
    return q;
  };
  const a = await run('SEED42');
  const b = await run('SEED42');
  const c = await run('OTHER7');
  expect(b).toEqual(a);
  expect(new Set(a).size).toBe(5);
  expect(c).not.toEqual(a);
});

test('keyboard only: start, answer with Ctrl+Enter, skip and end with the keyboard', async ({ page }) => {
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('question')).toBeVisible();
  // The answer box has focus when a question arrives.
  await expect(page.getByLabel('Your answer')).toBeFocused();
  const first = await currentPromptId(page);
  await page.keyboard.type(STRONG.text);
  await page.keyboard.press('Control+Enter');
  await waitForNext(page, first);
  await expect(page.getByLabel('Your answer')).toBeFocused();
  // Tab to "Skip" and press it.
  const second = await currentPromptId(page);
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Skip') break;
  }
  await page.keyboard.press('Enter');
  await waitForNext(page, second);
  // Tab to "End interview", confirm with Enter (the confirm button takes focus).
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'End interview') break;
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'End and see report' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  await expect(page.getByTestId('totals')).toContainText('1 answered, 1 skipped');
});
