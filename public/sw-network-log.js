// Privacy receipt, service-worker side (imported by the generated sw.js): remembers the requests the service
// worker itself makes (precaching the app shell, caching WebAssembly on first use) and tells the page about
// them when asked, on the same BroadcastChannel the workers use (src/vision/network-log.ts). Nothing is sent
// anywhere else. The list lives in memory only, so it covers the service worker's current lifetime.
(() => {
  const CHANNEL = 'app-network-log';
  const made = [];
  const realFetch = self.fetch.bind(self);
  self.fetch = (input, init) => {
    try {
      const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
      made.push({ source: 'service worker', url, initiator: 'fetch', at: Date.now(), bytes: null });
      if (made.length > 2000) made.shift();
    } catch {
      /* not a URL: fetch will reject it */
    }
    return realFetch(input, init);
  };
  const send = () => {
    const ch = new BroadcastChannel(CHANNEL);
    ch.postMessage({ type: 'entries', source: 'service worker', entries: made.slice() });
    ch.close();
  };
  self.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'network-log-query') send();
  });
  try {
    new BroadcastChannel(CHANNEL).onmessage = (e) => {
      if (e.data && e.data.type === 'query') send();
    };
  } catch {
    /* no BroadcastChannel: the message event above still answers */
  }
})();
