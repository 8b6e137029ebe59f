/** Minimal WAV reader for tests: RIFF/WAVE, 16-bit PCM, mono. Samples are scaled to [-1, 1). */
import { readFileSync } from 'node:fs';

export interface Wav {
  pcm: Float32Array;
  sampleRate: number;
}

export function parseWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number): string => String.fromCharCode(...bytes.subarray(o, o + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('WAV: not a RIFF/WAVE file');
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  let off = 12;
  while (off + 8 <= bytes.length) {
    const id = tag(off);
    const size = view.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ') {
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV: data chunk before fmt chunk');
      if (fmt.format !== 1 || fmt.bits !== 16 || fmt.channels !== 1) {
        throw new Error(`WAV: only 16-bit PCM mono is supported (format ${fmt.format}, ${fmt.bits} bit, ${fmt.channels} ch)`);
      }
      const n = Math.floor(Math.min(size, bytes.length - body) / 2);
      const pcm = new Float32Array(n);
      for (let i = 0; i < n; i++) pcm[i] = view.getInt16(body + i * 2, true) / 32768;
      return { pcm, sampleRate: fmt.sampleRate };
    }
    off = body + size + (size & 1);
  }
  throw new Error('WAV: no data chunk');
}

export function readWav(path: string): Wav {
  return parseWav(readFileSync(path));
}
