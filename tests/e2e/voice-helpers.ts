import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { wordErrorRate } from '../../src/analysis/wer';

/** Launch options with the fake microphone playing `wav` once (then silence). */
export function fakeMicLaunch(wav: string, extraArgs: string[] = []) {
  return { executablePath: findChromium(), args: [...BASE_ARGS, `--use-file-for-fake-audio-capture=${wav}%noloop`, ...extraArgs] };
}

export function referenceText(txtFile: string): string {
  return readFileSync(txtFile, 'utf8').trim();
}

/** Start an interview (raw microphone: no AGC/NS/EC), switch to voice answers and wait for the model. */
export async function startVoiceInterview(page: Page): Promise<void> {
  await page.goto('/?rawmic#/');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.getByTestId('question')).toHaveAttribute('data-prompt-id', '0');
  await page.getByLabel('Voice').check();
  await expect(page.getByTestId('voice-panel')).toBeVisible({ timeout: 60_000 });
}

/** Wait until the spoken answer to prompt 0 was transcribed and the interview moved on; returns the transcript. */
export async function firstSpokenAnswer(page: Page, timeout = 60_000): Promise<string> {
  await expect(page.getByTestId('question')).not.toHaveAttribute('data-prompt-id', '0', { timeout });
  await page.getByText(/Conversation so far/).click();
  const answer = page.getByTestId('conversation').locator('li').first().locator('.a');
  return ((await answer.textContent()) ?? '').replace(/^You:\s*/, '').trim();
}

export function expectWer(reference: string, hypothesis: string, max: number): number {
  const wer = wordErrorRate(reference, hypothesis);
  expect(wer, `WER ${wer.toFixed(3)} for "${hypothesis}" against "${reference}"`).toBeLessThanOrEqual(max);
  return wer;
}
