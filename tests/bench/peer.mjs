// Peer-to-peer benchmarks: two browser contexts of one Chromium paired through the real UI (codes carried
// like a user pasting them), loopback, no STUN.
//  - peer_connect_ms: the host presses Connect with the answer pasted → its data channel is open
//    (User Timing marks 'peer-answer-pasted' and 'peer-channel-open' set by the peer controller).
//    Baseline: two RTCPeerConnections in one page exchanging descriptions in memory, until their channel opens.
//  - peer_editor_sync_ms_p95: a keystroke in the candidate's shared editor (keydown, absolute time) → the text
//    is in the interviewer's editor DOM and painted (MutationObserver + requestAnimationFrame). Both pages run
//    on this machine's clock (performance.timeOrigin + now()).

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs) => percentile(xs, 50);
const round = (x, d = 1) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

async function pairOnce(browser, base) {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [host, guest] = await Promise.all(contexts.map((c) => c.newPage()));
  for (const p of [host, guest]) {
    await p.goto(`${base}/#/peer`);
    await p.getByRole('heading', { name: 'Practise with a partner' }).waitFor();
  }
  await host.getByRole('button', { name: 'Create invitation' }).click();
  const offer = await host.getByTestId('offer-code').inputValue();
  await guest.getByTestId('offer-input').fill(offer);
  await guest.getByRole('button', { name: 'Answer invitation' }).click();
  await guest.locator('[data-testid=answer-code]').waitFor();
  await host.getByTestId('answer-input').fill(await guest.getByTestId('answer-code').inputValue());
  await host.getByRole('button', { name: 'Connect' }).click();
  await host.locator('[data-testid=peer-status][data-link=open]').waitFor({ timeout: 30_000 });
  await guest.locator('[data-testid=peer-status][data-link=open]').waitFor({ timeout: 30_000 });
  const ms = await host.evaluate(() => {
    const a = performance.getEntriesByName('peer-answer-pasted').at(-1);
    const b = performance.getEntriesByName('peer-channel-open').at(-1);
    return a && b ? b.startTime - a.startTime : null;
  });
  return { host, guest, contexts, ms };
}

async function loopbackBaseline(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/#/`);
  const ms = await page.evaluate(async () => {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.createDataChannel('x', { negotiated: true, id: 0 });
    const ch = b.createDataChannel('x', { negotiated: true, id: 0 });
    const gathered = (pc) => new Promise((r) => (pc.iceGatheringState === 'complete' ? r() : pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r())));
    await a.setLocalDescription(await a.createOffer());
    await gathered(a);
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription(await b.createAnswer());
    await gathered(b);
    const open = new Promise((r) => (ch.onopen = r));
    const t0 = performance.now();
    await a.setRemoteDescription(b.localDescription);
    await open;
    const t = performance.now() - t0;
    a.close();
    b.close();
    return t;
  });
  await context.close();
  return ms;
}

export async function peerBench({ browser, base, runs = 5, keystrokes = 40, log = () => undefined }) {
  const connect = [];
  const baseline = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const r = await pairOnce(browser, base);
    if (r.ms !== null) connect.push(r.ms);
    baseline.push(await loopbackBaseline(browser, base));
    if (i < runs - 1) for (const c of r.contexts) await c.close();
    else last = r;
    log(`  connect run ${i + 1}: ${round(r.ms)} ms (baseline ${round(baseline.at(-1))} ms)`);
  }
  // Editor sync on the last pair: the host is the interviewer, the guest the candidate.
  const { host: interviewer, guest: candidate, contexts } = last;
  await interviewer.getByTestId('problem-select').selectOption('two-sum');
  const ed = (p) => p.getByTestId('shared-editor').locator('.cm-content');
  await ed(candidate).waitFor();
  await ed(interviewer).waitFor();
  await candidate.evaluate(() => {
    window.__lastKey = 0;
    addEventListener('keydown', () => (window.__lastKey = performance.timeOrigin + performance.now()), true);
  });
  await ed(candidate).click();
  await candidate.keyboard.press('Control+End');
  await candidate.keyboard.press('Enter');
  const sync = [];
  for (let i = 0; i < keystrokes; i++) {
    const token = `k${i}z`;
    const seen = interviewer.evaluate(
      (tok) =>
        new Promise((resolve) => {
          const el = document.querySelector('[data-testid=shared-editor] .cm-content');
          const done = () => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
          if (el.textContent.includes(tok)) return done();
          const obs = new MutationObserver(() => {
            if (el.textContent.includes(tok)) {
              obs.disconnect();
              done();
            }
          });
          obs.observe(el, { subtree: true, childList: true, characterData: true });
        }),
      token,
    );
    await candidate.keyboard.type(token);
    const shown = await seen;
    const pressed = await candidate.evaluate(() => window.__lastKey);
    sync.push(shown - pressed);
    await candidate.keyboard.press('Enter');
  }
  for (const c of contexts) await c.close();
  return { connect, baseline, sync };
}

export function peerMetrics(r) {
  const none = r.error ?? null;
  return {
    peer_connect_ms: {
      value: none ? null : round(median(r.connect)),
      unit: 'ms',
      goal: null,
      note: none ?? `answer pasted → data channel open (host side), loopback, no STUN, median of ${r.connect.length} (${r.connect.map((x) => round(x, 0)).join(', ')}); baseline: two RTCPeerConnections in one page, median ${round(median(r.baseline))} ms`,
    },
    peer_editor_sync_ms_p95: {
      value: none ? null : round(percentile(r.sync, 95)),
      unit: 'ms',
      goal: 1000,
      note: none ?? `keystroke in the candidate's shared editor → painted in the interviewer's, ${r.sync.length} keystrokes, median ${round(median(r.sync))} ms`,
    },
  };
}
