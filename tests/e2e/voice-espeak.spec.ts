import { test } from '@playwright/test';
import { ESPEAK_TEXT, ESPEAK_WAV } from './paths';
import { expectWer, fakeMicLaunch, firstSpokenAnswer, startVoiceInterview } from './voice-helpers';

// An answer synthesised with espeak-ng at test time (global setup) plays through the fake microphone.
test.use({ launchOptions: fakeMicLaunch(ESPEAK_WAV) });

test('an espeak-ng answer is transcribed (WER ≤ 35 %) and answers the question', async ({ page }) => {
  await startVoiceInterview(page);
  expectWer(ESPEAK_TEXT, await firstSpokenAnswer(page), 0.35);
});
