import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureModels } from '../models-fetch.mjs';
import { E2E_DIR, ESPEAK_ARGS, ESPEAK_TEXT, ESPEAK_WAV, TTS_HOME } from './paths';

/**
 * Before the E2E suite: make sure the real model files are available (MODELS_DIR, ../shared/models, or a
 * fetch into .cache/models on a machine with internet), generate the espeak-ng answer, and prepare a HOME
 * whose speech-dispatcher writes to a null ALSA device (so utterance 'end' events fire without a sound server).
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(E2E_DIR, { recursive: true });
  process.env.MODELS_DIR = await ensureModels();

  const raw = join(E2E_DIR, 'espeak-raw.wav');
  const espeak = spawnSync('espeak-ng', [...ESPEAK_ARGS, '-w', raw, ESPEAK_TEXT], { encoding: 'utf8' });
  if (espeak.status !== 0) {
    throw new Error(`espeak-ng is needed to generate the spoken-answer fixture (apt-get install espeak-ng): ${espeak.error?.message ?? espeak.stderr}`);
  }
  // 1.5 s of silence first, as a person pauses before answering (the fake microphone starts the file at once).
  const sox = spawnSync('sox', [raw, ESPEAK_WAV, 'pad', '1.5', '0'], { encoding: 'utf8' });
  if (sox.status !== 0) throw new Error(`sox is needed to prepare the spoken-answer fixture (apt-get install sox): ${sox.error?.message ?? sox.stderr}`);

  mkdirSync(join(TTS_HOME, '.config', 'speech-dispatcher'), { recursive: true });
  writeFileSync(join(TTS_HOME, '.config', 'speech-dispatcher', 'speechd.conf'), 'AudioOutputMethod "alsa"\n');
  writeFileSync(join(TTS_HOME, '.asoundrc'), 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n');
}
