import { expect, test } from '@playwright/test';
import { ESPEAK_TEXT, ESPEAK_WAV } from './paths';
import { expectWer, fakeMicLaunch } from './voice-helpers';
import { pair, twoPeople } from './peer-helpers';

// The real path: the candidate's fake microphone plays an espeak-ng answer; Whisper on the candidate's
// device transcribes it and only the text travels to the interviewer.
test.use({ launchOptions: fakeMicLaunch(ESPEAK_WAV) });

test("the candidate's own microphone is transcribed on their device and the text reaches the interviewer", async ({ browser }) => {
  const { a: interviewer, b: candidate, contexts } = await twoPeople(browser);
  await interviewer.goto('/#/peer');
  await candidate.goto('/?rawmic#/peer');
  await pair(interviewer, candidate, { hostRole: 'interviewer' });
  await candidate.getByTestId('peer-mic').click();
  const line = interviewer.getByTestId('peer-transcript').locator('li[data-speaker=candidate]').first();
  await expect(line).toBeVisible({ timeout: 90_000 });
  const text = ((await line.textContent()) ?? '').replace(/^.*?\(candidate\):\s*/, '');
  expectWer(ESPEAK_TEXT, text, 0.4);
  await expect(interviewer.getByTestId('answer-so-far')).toContainText(text.slice(0, 20));
  await candidate.getByTestId('peer-mic').click();
  for (const c of contexts) await c.close();
});
