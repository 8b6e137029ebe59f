import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { parseIceServers } from '../../peer/ice';

/** STUN/TURN servers for peer interviews: off by default, with what turning them on means. */
export function PeerSettings() {
  const { settings, updateSettings } = useApp();
  const [text, setText] = useState(settings.peerIceServers.join('\n'));
  const [errors, setErrors] = useState<string[]>([]);
  const save = (): void => {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const r = parseIceServers(lines);
    setErrors(r.errors);
    if (r.errors.length === 0) void updateSettings({ peerIceServers: lines });
  };
  return (
    <div class="card">
      <h2>Practising with a partner</h2>
      <p class="small">
        Peer interviews connect your browser directly to your partner's, with no server. By default only your own network addresses are used, which works when
        you are both on the same network (or the same machine). To pair across different networks, add a STUN server (it tells your browser its public
        address) and, behind strict firewalls, a TURN server (it relays the encrypted call). These are the only third parties the app would contact: the server
        learns your IP address, and a TURN server carries your encrypted audio, video and messages. Leave this empty to keep everything on your network.
      </p>
      <p class="small muted">
        Same network but no connection? Some browsers hide local addresses behind “.local” names that only resolve where multicast DNS works; a STUN server, or
        allowing the camera and microphone before pairing, usually fixes it.
      </p>
      <label class="field">
        <span>STUN/TURN servers, one per line (stun:host:port, or turn:host:port username password)</span>
        <textarea rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="ice-servers" />
      </label>
      <div class="actions">
        <button type="button" onClick={save}>
          Save servers
        </button>
        {settings.peerIceServers.length === 0 && <span class="small muted">None: direct connections on your network only.</span>}
      </div>
      {errors.length > 0 && (
        <ul role="alert" class="error-text">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
