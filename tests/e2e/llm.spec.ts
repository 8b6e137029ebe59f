/**
 * The AI interviewer in Chromium: the transformers.js engine in the LLM worker, loaded offline from the
 * models folder (the tiny random-weight Llama: it writes gibberish, so these tests prove loading,
 * streaming, aborting and falling back — not the quality of the questions).
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { answer, onReport } from './helpers';

const TINY = 'tiny-random-llama';
const ANSWER =
  'In my last role I led the migration of our billing service to PostgreSQL. I planned the cut-over, I wrote the backfill jobs, and we finished with zero downtime and 30 percent lower costs.';

/** No request may leave the machine: anything not on the app's origin fails and is recorded. */
async function blockExternal(context: BrowserContext): Promise<string[]> {
  const external: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    (route) => {
      external.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  return external;
}

async function chooseTinyOnCpu(page: Page): Promise<void> {
  await page.goto('/#/settings');
  await page.getByLabel('Interviewer', { exact: true }).selectOption('transformers');
  // Test-only models are offered because this site serves them under /models/.
  const model = page.getByLabel('Model', { exact: true });
  await expect(model.locator(`option[value="${TINY}"]`)).toHaveCount(1, { timeout: 15_000 });
  await model.selectOption(TINY);
  await expect(page.getByTestId('ai-choice')).toHaveAttribute('data-kind', 'transformers');
  await expect(page.getByTestId('ai-choice')).toHaveAttribute('data-model', 'test/tiny-random-llama');
}

async function loadModel(page: Page): Promise<void> {
  await page.getByTestId('ai-status').getByRole('button', { name: 'Load AI interviewer' }).click();
  await expect(page.getByTestId('ai-status')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('ai-status')).toContainText('wasm');
}

test('the CPU engine loads the tiny model offline in the worker, streams tokens, and Stop aborts within 200 ms', async ({ page, context }) => {
  const external = await blockExternal(context);
  await chooseTinyOnCpu(page);
  await loadModel(page);

  // Streaming: the output grows in many steps before the run ends (at its token limit).
  await page.evaluate(() => {
    const w = window as unknown as { __updates: number };
    w.__updates = 0;
    const out = document.querySelector('[data-testid=ai-try-output]')!;
    new MutationObserver(() => {
      if (!document.querySelector('[data-testid=ai-try-stats]')) w.__updates++;
    }).observe(out, { childList: true, characterData: true, subtree: true });
  });
  await page.getByTestId('ai-try').click();
  const stats = page.getByTestId('ai-try-stats');
  await expect(stats).toBeVisible({ timeout: 60_000 });
  await expect(stats).toHaveAttribute('data-finish', 'length');
  const tokens = Number(await stats.getAttribute('data-tokens'));
  expect(tokens).toBeGreaterThan(100);
  const updates = await page.evaluate(() => (window as unknown as { __updates: number }).__updates);
  expect(updates).toBeGreaterThan(10);
  expect((await page.getByTestId('ai-try-output').textContent())!.length).toBeGreaterThan(50);

  // Abort: press Stop as soon as the first tokens arrive; the generation ends within 200 ms of the click.
  await page.evaluate(() => {
    const out = document.querySelector('[data-testid=ai-try-output]')!;
    const obs = new MutationObserver(() => {
      if ((out.textContent ?? '').length > 0) {
        obs.disconnect();
        (document.querySelector('[data-testid=ai-try-stop]') as HTMLButtonElement).click();
      }
    });
    obs.observe(out, { childList: true, characterData: true, subtree: true });
  });
  await page.getByTestId('ai-try').click();
  await expect(stats).toHaveAttribute('data-finish', 'abort', { timeout: 60_000 });
  const pageAbortMs = Number(await stats.getAttribute('data-page-abort-ms'));
  const stoppedTokens = Number(await stats.getAttribute('data-tokens'));
  console.log(`[llm] full run ${tokens} tokens in ${updates} updates; abort: ${pageAbortMs} ms (page), ${await stats.getAttribute('data-worker-abort-ms')} ms (worker), after ${stoppedTokens} tokens`);
  expect(stoppedTokens).toBeLessThan(tokens);
  expect(pageAbortMs).toBeGreaterThanOrEqual(0);
  expect(pageAbortMs).toBeLessThanOrEqual(200);
  expect(external).toEqual([]);
});

test('a full interview completes with the CPU engine selected; unusable replies fall back to the scripted interviewer with the reason shown', async ({ page, context }) => {
  const external = await blockExternal(context);
  await chooseTinyOnCpu(page);
  await loadModel(page);
  await page.goto('/#/setup');
  await page.getByLabel('Behavioural').check();
  await page.getByLabel('Length').selectOption('10');
  await expect(page.getByTestId('ai-status')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('button', { name: 'Start interview' }).click();
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', `transformers:${TINY}`);
  let fallbacks = 0;
  let turns = 0;
  for (let i = 0; i < 40 && !(await onReport(page)); i++) {
    await expect(page.getByTestId('question')).toBeVisible();
    if ((await page.getByTestId('fallback-reason').count()) > 0) {
      fallbacks++;
      await expect(page.getByTestId('fallback-reason')).toContainText(/AI/);
    }
    turns++;
    await answer(page, ANSWER);
  }
  expect(await onReport(page)).toBe(true);
  expect(turns).toBeGreaterThan(3);
  // Random weights: most lines fail the output guard and fall back, each with its reason on screen.
  expect(fallbacks).toBeGreaterThan(0);

  // Written feedback: the model is asked for JSON per answer; random weights never produce valid JSON,
  // so after one retry each answer gets the rule-based feedback, with the reason. It is stored.
  const feedback = page.getByTestId('ai-feedback');
  await feedback.getByRole('button', { name: /Get written feedback/ }).click();
  await expect(feedback).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const cards = feedback.locator('.fb-answer');
  expect(await cards.count()).toBeGreaterThan(2);
  expect(await feedback.locator('.fb-answer[data-source=rules]').count()).toBe(await cards.count());
  await expect(cards.first()).toContainText("the model's feedback was not valid");
  console.log(`[llm] feedback fallback: ${await cards.first().locator('.muted').textContent()}`);
  await expect(feedback).toContainText('tiny-random-llama');
  await page.reload();
  await expect(page.getByTestId('ai-feedback')).toHaveAttribute('data-state', 'done');
  expect(external).toEqual([]);
});

test('a model that cannot be downloaded fails cleanly; the interview runs on the scripted interviewer', async ({ page, context }) => {
  await blockExternal(context);
  await context.route(`**/models/test/${TINY}/onnx/**`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await chooseTinyOnCpu(page);
  await page.getByTestId('ai-status').getByRole('button', { name: 'Load AI interviewer' }).click();
  await expect(page.getByTestId('ai-status')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(page.getByTestId('ai-status')).toContainText('could not be downloaded');
  await expect(page.getByTestId('ai-status')).toContainText('scripted interviewer');
  await page.goto('/#/setup');
  await page.getByRole('button', { name: 'Start interview' }).click();
  await expect(page.getByTestId('engine')).toHaveAttribute('data-engine', 'scripted');
  await answer(page, ANSWER);
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0');
});
