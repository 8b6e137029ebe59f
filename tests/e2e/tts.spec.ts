import { test, expect } from '@playwright/test';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { TTS_HOME } from './paths';

// speech-dispatcher + espeak-ng give Chromium real voices; the HOME prepared by the global setup sends
// speech-dispatcher's audio to a null ALSA device so that utterance 'end' events fire.
test.use({
  launchOptions: { executablePath: findChromium(), args: [...BASE_ARGS, '--enable-speech-dispatcher'], env: { ...process.env, HOME: TTS_HOME } },
});

test('the question is spoken sentence by sentence: speechSynthesis start and end are observed', async ({ page }) => {
  await page.addInitScript(() => {
    const log: [string, string][] = [];
    (window as unknown as { __tts: typeof log }).__tts = log;
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      log.push(['queued', u.text]);
      u.addEventListener('start', () => log.push(['start', u.text]));
      u.addEventListener('end', () => log.push(['end', u.text]));
      u.addEventListener('error', (e) => log.push(['error', (e as SpeechSynthesisErrorEvent).error]));
      speak(u);
    };
  });
  await page.goto('/#/');
  // speech-dispatcher lists its voices asynchronously (seconds when cold).
  await expect.poll(() => page.evaluate(() => speechSynthesis.getVoices().length), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Start practice' }).click();
  const question = ((await page.getByTestId('question').textContent()) ?? '').trim();
  const log = () => page.evaluate(() => (window as unknown as { __tts: [string, string][] }).__tts);
  await expect.poll(async () => (await log()).some(([e]) => e === 'start'), { timeout: 20_000 }).toBe(true);
  // Every sentence is spoken and ends; together they are the question.
  // Sentences are queued one after another (the next once the previous has ended): wait for the whole question.
  const spokenText = async () => (await log()).filter(([e]) => e === 'end').map(([, t]) => t).join(' ').replace(/\s+/g, ' ');
  await expect.poll(spokenText, { timeout: 60_000 }).toBe(question.replace(/\s+/g, ' '));
  const log2 = await log();
  expect(log2.filter(([e]) => e === 'end').length).toBe(log2.filter(([e]) => e === 'queued').length);
  expect((await log()).some(([e]) => e === 'error')).toBe(false);
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-speaking', 'false');
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-reason', '');
});
