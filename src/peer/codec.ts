/**
 * Pairing codes: an RTCPeerConnection offer or answer (ICE gathering complete, so no signalling server is
 * needed) as short text the users copy, scan or open as a link.
 *
 * Format: `P1.` + base64url(deflate-raw(JSON)) where the browser has CompressionStream; `P0.` +
 * base64url(JSON) otherwise (longer, still valid). Both decoders are always available where
 * DecompressionStream exists; a P1 code on a browser without it gets a clear error.
 */
import * as v from 'valibot';

export const SIGNAL_KINDS = ['offer', 'answer'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const PEER_ROLES = ['interviewer', 'candidate'] as const;
export type PeerRole = (typeof PEER_ROLES)[number];

export interface PairingSignal {
  kind: SignalKind;
  sdp: string;
  /** The role the sender plays (the other side takes the other one). */
  role: PeerRole;
  /** Pairing id: an answer must carry the id of the offer it answers. */
  pairId: string;
}

/** A code longer than this is refused before decoding (an SDP with audio, video and data is ~2–6 KB). */
export const MAX_CODE_CHARS = 40_000;
const MAX_SDP_CHARS = 60_000;

const SignalSchema = v.object({
  kind: v.picklist(SIGNAL_KINDS),
  sdp: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SDP_CHARS)),
  role: v.picklist(PEER_ROLES),
  pairId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

export class PairingCodeError extends Error {
  override readonly name = 'PairingCodeError';
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new PairingCodeError('The code contains characters that do not belong to a pairing code.');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new PairingCodeError('The code is incomplete or damaged. Copy the whole code again.');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

export function canCompress(): boolean {
  try {
    return typeof CompressionStream === 'function' && Boolean(new CompressionStream('deflate-raw'));
  } catch {
    return false;
  }
}

/** Encode a signal as a pairing code. `compress: false` forces the uncompressed P0 form. */
export async function encodeSignal(signal: PairingSignal, opts: { compress?: boolean } = {}): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(signal));
  if (opts.compress !== false && canCompress()) return `P1.${toBase64Url(await pipeThrough(json, new CompressionStream('deflate-raw')))}`;
  return `P0.${toBase64Url(json)}`;
}

/** The code inside whatever the user pasted: the bare code, or a link carrying it in the fragment. */
export function extractCode(input: string): string {
  const text = input.trim();
  const m = /P[01]\.[A-Za-z0-9_-]+/.exec(text.replace(/\s+/g, ''));
  if (!m) throw new PairingCodeError('That is not a pairing code. Paste the whole code (it starts with "P1.") or the whole link.');
  return m[0];
}

/** Decode a pairing code (or a pasted link). Throws PairingCodeError with a message for the user. */
export async function decodeSignal(input: string): Promise<PairingSignal> {
  if (input.length > MAX_CODE_CHARS * 2) throw new PairingCodeError('The pasted text is far too long to be a pairing code.');
  const code = extractCode(input);
  if (code.length > MAX_CODE_CHARS) throw new PairingCodeError('The code is too long to be a pairing code.');
  const bytes = fromBase64Url(code.slice(3));
  let json: Uint8Array;
  if (code.startsWith('P1.')) {
    if (typeof DecompressionStream !== 'function') throw new PairingCodeError('This browser cannot read compressed pairing codes (no DecompressionStream). Update the browser.');
    try {
      json = await pipeThrough(bytes, new DecompressionStream('deflate-raw'));
    } catch {
      throw new PairingCodeError('The code is incomplete or damaged. Copy the whole code again.');
    }
  } else json = bytes;
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new PairingCodeError('The code is incomplete or damaged. Copy the whole code again.');
  }
  const r = v.safeParse(SignalSchema, data);
  if (!r.success) throw new PairingCodeError('The code was not made by this app (or by a different version of it).');
  return r.output;
}

/** A link that opens the app's peer screen with the code in the URL fragment (never sent to a server). */
export function pairingLink(base: string, code: string): string {
  const u = new URL(base);
  u.hash = `#/peer/${code}`;
  return u.toString();
}
