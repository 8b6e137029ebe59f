/**
 * STUN/TURN settings for peer interviews. Off by default: with no server, only host candidates are
 * gathered, which connects two browsers on the same network or machine and contacts no third party.
 * One server per line: `stun:host:port`, or `turn:host:port username credential`.
 */
export interface IceParse {
  servers: RTCIceServer[];
  errors: string[];
}

const URL_RE = /^(stun|stuns|turn|turns):[^\s]+$/;

export function parseIceServers(lines: readonly string[]): IceParse {
  const servers: RTCIceServer[] = [];
  const errors: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [url = '', username, credential, ...rest] = line.split(/\s+/);
    if (!URL_RE.test(url) || rest.length > 0) {
      errors.push(`“${line}” is not a STUN/TURN line (stun:host:port, or turn:host:port username password).`);
      continue;
    }
    if (url.startsWith('turn') && (!username || !credential)) {
      errors.push(`“${url}” is a TURN server: add its username and password after the URL.`);
      continue;
    }
    servers.push(username && credential ? { urls: url, username, credential } : { urls: url });
  }
  return { servers, errors };
}
