import { join } from 'node:path';
import { ROOT } from '../models-dir.mjs';

/** Generated E2E fixtures live in the git-ignored .cache folder. */
export const E2E_DIR = join(ROOT, '.cache', 'e2e');
export const TTS_HOME = join(E2E_DIR, 'tts-home');
export const ESPEAK_WAV = join(E2E_DIR, 'espeak-answer.wav');
export const ESPEAK_TEXT =
  'In my last role I led a small team. We moved our payment service to a new database with zero downtime, and we cut our costs by a third.';
/** Slow, with gaps between words: Whisper tiny copes badly with fast robotic speech. */
export const ESPEAK_ARGS = ['-v', 'en-us', '-s', '120', '-g', '3'];
/** The shared real recordings (LibriSpeech, CC BY 4.0), beside the checkout. */
export const SPEECH_FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'speech');
