import { describe, expect, it } from 'vitest';
import { parseIceServers } from '../../src/peer/ice';

describe('STUN/TURN settings', () => {
  it('is empty by default and parses STUN and TURN lines', () => {
    expect(parseIceServers([])).toEqual({ servers: [], errors: [] });
    expect(parseIceServers(['stun:stun.example.org:3478', '', '# comment', 'turn:turn.example.org:3478?transport=udp alice s3cret'])).toEqual({
      servers: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org:3478?transport=udp', username: 'alice', credential: 's3cret' }],
      errors: [],
    });
  });
  it('explains bad lines', () => {
    const r = parseIceServers(['http://example.org', 'turn:turn.example.org:3478']);
    expect(r.servers).toEqual([]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[1]).toMatch(/username and password/);
  });
});
