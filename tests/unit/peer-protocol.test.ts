import { describe, expect, it } from 'vitest';
import { encodeMessage, MAX_MESSAGE_CHARS, parseMessage, PROTOCOL_VERSION } from '../../src/peer/protocol';
import type { SessionEvent } from '../../src/session/types';

const line = { id: 'candidate-1', speaker: 'candidate', text: 'I led the migration.', at: 1_700_000_000_000, promptId: 2, source: 'typed' } as const;

describe('peer message protocol', () => {
  it('accepts valid messages of each kind it sends', () => {
    const events: SessionEvent[] = [
      { type: 'answered', t: 1000, at: 5, promptId: 0, text: 'hi', startedT: 10, mode: 'typed' },
      { type: 'skipped', t: 2000, at: 6, promptId: 1 },
    ];
    for (const m of [
      encodeMessage({ type: 'hello', app: '0.1.0', name: 'Ana', role: 'candidate', planInput: { type: 'mixed', role: 'Engineer', seniority: 'mid', minutes: 20, jobDescription: '' } }),
      encodeMessage({ type: 'lines', sessionId: 's1', lines: [line] }),
      encodeMessage({ type: 'scores', sessionId: 's1', scores: [{ promptId: 2, score: 4, notes: 'clear', at: 1 }] }),
      encodeMessage({ type: 'events', sessionId: 's1', from: 3, events }),
      encodeMessage({ type: 'sync-request', sessionId: 's1', have: 0 }),
      encodeMessage({ type: 'yjs', update: 'AQID' }),
      encodeMessage({ type: 'swap', half: 2 }),
    ]) {
      const r = parseMessage(m);
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const r = parseMessage(encodeMessage({ type: 'events', sessionId: 's1', from: 3, events }));
    expect(r.ok && r.message.type === 'events' && r.message.events).toEqual(events);
  });

  it('drops malformed messages without throwing', () => {
    const bad: unknown[] = [
      'not json {',
      '[1,2,3]',
      'null',
      42,
      new ArrayBuffer(8),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'lines', sessionId: 's1', lines: [{ ...line, speaker: 'hacker' }] }),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'lines', sessionId: 's1', lines: [{ ...line, text: '' }] }),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'scores', sessionId: 's1', scores: [{ promptId: 1, score: 9, notes: '', at: 1 }] }),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'events', sessionId: 's1', from: -1, events: [] }),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'events', sessionId: 's1', from: 0, events: [{ type: 'asked', t: 'soon' }] }),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'yjs', update: 'not base64!' }),
      JSON.stringify({ v: PROTOCOL_VERSION, type: 'hello' }),
    ];
    for (const raw of bad) {
      const r = parseMessage(raw);
      expect(r.ok, String(raw)).toBe(false);
      if (!r.ok) expect(r.kind).toBe('malformed');
    }
  });

  it('drops unknown message types', () => {
    const r = parseMessage(JSON.stringify({ v: PROTOCOL_VERSION, type: 'format-disk' }));
    expect(r).toMatchObject({ ok: false, kind: 'unknown' });
  });

  it('drops oversized messages before parsing them', () => {
    const huge = JSON.stringify({ v: PROTOCOL_VERSION, type: 'lines', sessionId: 's1', lines: [{ ...line, text: 'x'.repeat(MAX_MESSAGE_CHARS) }] });
    expect(parseMessage(huge)).toMatchObject({ ok: false, kind: 'oversized' });
    // Too many items in a list is also refused.
    const many = JSON.stringify({ v: PROTOCOL_VERSION, type: 'lines', sessionId: 's1', lines: Array.from({ length: 51 }, (_, i) => ({ ...line, id: `c-${i}` })) });
    expect(parseMessage(many)).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('reports a wrong protocol version as such (for the "different app version" message)', () => {
    const r = parseMessage(JSON.stringify({ v: 2, type: 'hello', app: '9.0.0', name: 'Bo', role: 'candidate' }));
    expect(r).toMatchObject({ ok: false, kind: 'version', version: 2 });
    expect(parseMessage(JSON.stringify({ type: 'hello' }))).toMatchObject({ ok: false, kind: 'version' });
  });
});
