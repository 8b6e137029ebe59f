import { test, expect } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { answer } from './helpers';

const ANSWER = 'At my last job I was responsible for our release process. I automated the checklist and I trained two teams, and as a result releases went from monthly to weekly within 3 months.';

test('d. export JSON, import into a fresh browser profile: the same report; a corrupted file is rejected and changes nothing', async ({ browser }, testInfo) => {
  // Source browser: run a short interview and export it.
  const src = await browser.newContext();
  const page = await src.newPage();
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await answer(page, ANSWER);
  await answer(page, 'Um, I think I would, you know, just ask the team what they need and then we decide together.');
  await page.getByRole('button', { name: 'End interview' }).click();
  await page.getByRole('button', { name: 'End and see report' }).click();
  await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  const overall = await page.getByTestId('overall').textContent();
  const totals = await page.getByTestId('totals').textContent();
  const seed = await page.getByTestId('report-seed').textContent();
  const transcript = await page.getByTestId('transcript').textContent();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const file = testInfo.outputPath('export.json');
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8')) as { format: string; version: number; events: unknown[] };
  expect(exported.format).toBe('ai-interview-simulator/session');
  expect(exported.version).toBe(1);

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const mdFile = testInfo.outputPath('report.md');
  await md.saveAs(mdFile);
  const markdown = await readFile(mdFile, 'utf8');
  expect(markdown).toContain('# ');
  expect(markdown).toContain(seed ?? '');
  expect(markdown).toContain('release process');
  await src.close();

  // A fresh browser profile (new context = empty IndexedDB).
  const dst = await browser.newContext();
  const fresh = await dst.newPage();
  await fresh.goto('/#/history');
  await expect(fresh.getByText(/No interviews yet/)).toBeVisible();

  // Corrupted files are rejected with a message and change nothing.
  const truncated = testInfo.outputPath('truncated.json');
  await writeFile(truncated, (await readFile(file, 'utf8')).slice(0, 200));
  await fresh.getByTestId('import-file').setInputFiles(truncated);
  await expect(fresh.getByTestId('import-error')).toContainText('not valid JSON');
  await expect(fresh.getByText(/No interviews yet/)).toBeVisible();

  const tampered = testInfo.outputPath('tampered.json');
  const bad = JSON.parse(await readFile(file, 'utf8')) as { events: { t: unknown }[] };
  bad.events[1]!.t = 'soon';
  await writeFile(tampered, JSON.stringify(bad));
  await fresh.getByTestId('import-file').setInputFiles(tampered);
  await expect(fresh.getByTestId('import-error')).toContainText('events[1]');
  await expect(fresh.getByText(/No interviews yet/)).toBeVisible();

  const newer = testInfo.outputPath('newer.json');
  await writeFile(newer, JSON.stringify({ ...exported, version: 2 }));
  await fresh.getByTestId('import-file').setInputFiles(newer);
  await expect(fresh.getByTestId('import-error')).toContainText('newer version');
  await expect(fresh.getByText(/No interviews yet/)).toBeVisible();

  // The real export imports, and the report is the same.
  await fresh.getByTestId('import-file').setInputFiles(file);
  await expect(fresh.getByTestId('history-table')).toContainText('/ 100');
  await fresh.getByRole('link', { name: 'Open report' }).click();
  await expect(fresh.getByRole('heading', { name: 'Interview report' })).toBeVisible();
  await expect(fresh.getByTestId('overall')).toHaveText(overall ?? '');
  await expect(fresh.getByTestId('totals')).toHaveText(totals ?? '');
  await expect(fresh.getByTestId('report-seed')).toHaveText(seed ?? '');
  await expect(fresh.getByTestId('transcript')).toHaveText(transcript ?? '');

  // Importing it twice changes nothing.
  await fresh.goto('/#/history');
  await fresh.getByTestId('import-file').setInputFiles(file);
  await expect(fresh.getByTestId('import-error')).toContainText('already in your history');
  await expect(fresh.getByTestId('history-table').locator('tbody tr')).toHaveCount(1);
  await dst.close();
});
