import { describe, expect, it } from 'vitest';
import { decodeSignal, encodeSignal, extractCode, fromBase64Url, pairingLink, PairingCodeError, toBase64Url, type PairingSignal } from '../../src/peer/codec';

// A realistic offer: audio, video and a data channel with two host candidates (what a code carries).
const SDP = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS stream',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host generation 0 network-id 1',
  'a=candidate:2 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 network-id 1',
  'a=ice-ufrag:abcd',
  'a=ice-pwd:0123456789abcdef01234567',
  'a=fingerprint:sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:98 VP9/90000',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  'ünïcödé comment ✓',
].join('\r\n');

const offer: PairingSignal = { kind: 'offer', sdp: SDP, role: 'interviewer', pairId: 'abc-123' };

describe('pairing codes', () => {
  it('round-trips an offer and an answer through the compressed form', async () => {
    const code = await encodeSignal(offer);
    expect(code.startsWith('P1.')).toBe(true);
    expect(code).toMatch(/^P1\.[A-Za-z0-9_-]+$/);
    expect(await decodeSignal(code)).toEqual(offer);
    const answer: PairingSignal = { kind: 'answer', sdp: SDP.replace('actpass', 'active'), role: 'candidate', pairId: 'abc-123' };
    expect(await decodeSignal(await encodeSignal(answer))).toEqual(answer);
  });

  it('compresses: the code is much shorter than the SDP as base64', async () => {
    const code = await encodeSignal(offer);
    const plain = await encodeSignal(offer, { compress: false });
    expect(plain.startsWith('P0.')).toBe(true);
    expect(code.length).toBeLessThan(plain.length * 0.8);
  });

  it('round-trips the uncompressed fallback form', async () => {
    const plain = await encodeSignal(offer, { compress: false });
    expect(await decodeSignal(plain)).toEqual(offer);
  });

  it('reads the code from a pasted link or with line breaks and spaces', async () => {
    const code = await encodeSignal(offer);
    const link = pairingLink('http://127.0.0.1:4173/', code);
    expect(link).toBe(`http://127.0.0.1:4173/#/peer/${code}`);
    expect(await decodeSignal(link)).toEqual(offer);
    const wrapped = `  ${code.slice(0, 20)}\n${code.slice(20, 50)} \n${code.slice(50)}  `;
    expect(extractCode(wrapped)).toBe(code);
    expect(await decodeSignal(wrapped)).toEqual(offer);
  });

  it('rejects damaged, truncated, foreign and oversized codes with a PairingCodeError', async () => {
    const code = await encodeSignal(offer);
    await expect(decodeSignal('hello there')).rejects.toBeInstanceOf(PairingCodeError);
    await expect(decodeSignal(code.slice(0, code.length - 30))).rejects.toBeInstanceOf(PairingCodeError);
    await expect(decodeSignal(`P0.${toBase64Url(new TextEncoder().encode('{"kind":"offer"}'))}`)).rejects.toThrow(/not made by this app/);
    await expect(decodeSignal(`P0.${toBase64Url(new TextEncoder().encode('not json'))}`)).rejects.toBeInstanceOf(PairingCodeError);
    await expect(decodeSignal(`P0.${'A'.repeat(100_000)}`)).rejects.toThrow(/too long/);
  });

  it('base64url round-trips every byte value', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect([...fromBase64Url(toBase64Url(bytes))]).toEqual([...bytes]);
    expect(() => fromBase64Url('abc+/=')).toThrow(PairingCodeError);
  });
});
