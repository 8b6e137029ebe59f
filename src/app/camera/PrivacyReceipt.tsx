import { useEffect, useState } from 'preact/hooks';
import { externalRequests, startNetworkLog, type NetworkRequest } from '../../vision/network-log';
import { formatBytes } from '../../models/manager';

function where(url: string, origin: string): string {
  try {
    const u = new URL(url);
    return u.origin === origin ? u.pathname : `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/**
 * Every network request the app (page, workers, service worker) made since it was opened, from Resource
 * Timing: the candidate can see that nothing about them went out.
 */
export function PrivacyReceipt() {
  const [requests, setRequests] = useState<NetworkRequest[]>(() => startNetworkLog().requests);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const log = startNetworkLog();
    const off = log.subscribe((all) => setRequests([...all]));
    log.refresh();
    return off;
  }, []);
  useEffect(() => {
    if (open) startNetworkLog().refresh();
  }, [open]);

  const origin = location.origin;
  const sent = requests.filter((r) => !r.blocked);
  const blocked = requests.filter((r) => r.blocked);
  const external = externalRequests(sent, origin);
  return (
    <details class="privacy-receipt" data-testid="privacy-receipt" data-external={String(external.length)} data-total={String(sent.length)} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Privacy receipt: {sent.length} request{sent.length === 1 ? '' : 's'}, {external.length === 0 ? 'all to this app' : `${external.length} to other sites`}
      </summary>
      <p class="small">
        Every network request this app made since you opened it (the page, its workers and its offline cache). Camera frames and your answers are never sent:
        {external.length === 0 ? ` every request went to ${origin} (the app's own files and models).` : ' the requests to other sites are marked below.'}
      </p>
      {blocked.length > 0 && (
        <p class="small" data-testid="privacy-blocked">
          {blocked.length} usage-statistics request{blocked.length === 1 ? '' : 's'} from the face library (to {new Set(blocked.map((b) => new URL(b.url).host)).size === 1 ? new URL(blocked[0]?.url ?? origin).host : 'Google'}) {blocked.length === 1 ? 'was' : 'were'} answered on this
          device and never sent.
        </p>
      )}
      {open && (
        <div class="receipt-scroll" tabIndex={0} role="region" aria-label="Network requests of this visit">
        <table class="small receipt-table">
          <caption class="sr-only">Network requests</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">From</th>
              <th scope="col">Address</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {sent.map((r) => (
              <tr key={`${r.source}${r.url}${r.at}`} class={external.includes(r) ? 'external' : undefined}>
                <td>{new Date(r.at).toLocaleTimeString()}</td>
                <td>{r.source}</td>
                <td class="url">
                  {external.includes(r) && <strong>Other site: </strong>}
                  {where(r.url, origin)}
                </td>
                <td>{r.bytes === null ? '?' : r.bytes === 0 ? 'cached' : formatBytes(r.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </details>
  );
}
