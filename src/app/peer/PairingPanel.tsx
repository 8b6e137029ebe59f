import { useState } from 'preact/hooks';
import type { PeerController, PeerView } from '../../peer/peer-session';
import type { PeerRole } from '../../peer/codec';
import { pairingLink } from '../../peer/codec';
import { lazyScreen } from '../lazy';
import { QrCode } from './QrCode';

const QrScanner = lazyScreen<{ onCode(text: string): void; onClose(): void }>(() => import('./QrScanner').then((m) => m.QrScanner));

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function CodeOut({ code, kind }: { code: string; kind: 'offer' | 'answer' }) {
  const [copied, setCopied] = useState(false);
  const link = pairingLink(location.href.split('#')[0] ?? location.href, code);
  const label = kind === 'offer' ? 'Invitation code' : 'Answer code';
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(kind === 'offer' ? link : code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="peer-code">
      <label class="field">
        <span>{label}</span>
        <textarea readOnly rows={3} value={code} data-testid={kind === 'offer' ? 'offer-code' : 'answer-code'} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div class="actions">
        <button type="button" onClick={() => void copy()}>
          {kind === 'offer' ? 'Copy link' : 'Copy code'}
        </button>
        {copied && <span role="status">Copied.</span>}
        {kind === 'offer' && (
          <a href={link} class="small" data-testid="offer-link">
            Invitation link
          </a>
        )}
      </div>
      <QrCode text={kind === 'offer' ? link : code} label={`QR code of the ${label.toLowerCase()}`} />
    </div>
  );
}

/** Create an invitation (host) or answer one (guest): codes as text, a link and a QR code. */
export function PairingPanel({ controller, view, initialCode, repair }: { controller: PeerController; view: PeerView; initialCode?: string; repair: boolean }) {
  const [role, setRole] = useState<PeerRole>(view.role);
  const [media, setMedia] = useState(Boolean(view.localStream));
  const [answerIn, setAnswerIn] = useState('');
  const [offerIn, setOfferIn] = useState(initialCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const hasSession = view.sessionId !== null;

  const withMedia = async (): Promise<void> => {
    if (!media) return controller.disableMedia();
    try {
      await controller.enableMedia();
    } catch (err) {
      setError(`Camera and microphone are not available (${errText(err)}). You can still pair: the transcript and the editor work without them.`);
    }
  };
  const act = async (f: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await withMedia();
      await f();
    } catch (err) {
      setError(errText(err));
    } finally {
      setBusy(false);
    }
  };
  const myOffer = view.myCode?.kind === 'offer' ? view.myCode.code : null;
  const myAnswer = view.myCode?.kind === 'answer' ? view.myCode.code : null;

  return (
    <section class="card peer-pairing" aria-labelledby="pairing-title">
      <h2 id="pairing-title">{repair ? 'Re-pair to continue' : 'Pair with your partner'}</h2>
      <p class="muted small">
        No server is involved: one of you creates an invitation, the other answers it, and you send each other the codes (chat, e-mail, a QR code). Both devices
        must be on the same network unless a STUN/TURN server is set in Settings.
      </p>
      <label class="peer-check">
        <input type="checkbox" checked={media} onChange={(e) => setMedia(e.currentTarget.checked)} /> Use my camera and microphone for the call
      </label>
      <div class="peer-pair-grid">
        <div>
          <h3>Create an invitation</h3>
          {!hasSession && (
            <fieldset class="peer-roles">
              <legend>I will be the</legend>
              {(['interviewer', 'candidate'] as const).map((r) => (
                <label key={r}>
                  <input type="radio" name="peer-role" value={r} checked={role === r} onChange={() => setRole(r)} /> {r}
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" class="primary" disabled={busy} onClick={() => void act(() => controller.createInvite(hasSession ? view.role : role))}>
            {myOffer ? 'Create a new invitation' : 'Create invitation'}
          </button>
          {view.link === 'gathering' && !view.myCode && <p role="status">Preparing the invitation…</p>}
          {myOffer && (
            <>
              <CodeOut code={myOffer} kind="offer" />
              <label class="field">
                <span>Paste your partner's answer code</span>
                <textarea rows={3} value={answerIn} onInput={(e) => setAnswerIn(e.currentTarget.value)} data-testid="answer-input" />
              </label>
              <button type="button" disabled={busy || answerIn.trim() === ''} onClick={() => void act(() => controller.acceptAnswer(answerIn))}>
                Connect
              </button>
            </>
          )}
        </div>
        <div>
          <h3>Answer an invitation</h3>
          <label class="field">
            <span>Paste the invitation code or link</span>
            <textarea rows={3} value={offerIn} onInput={(e) => setOfferIn(e.currentTarget.value)} data-testid="offer-input" />
          </label>
          <div class="actions">
            <button type="button" disabled={busy || offerIn.trim() === ''} onClick={() => void act(() => controller.acceptInvite(offerIn))}>
              Answer invitation
            </button>
            <button type="button" onClick={() => setScanning((s) => !s)} aria-expanded={scanning}>
              Scan a QR code
            </button>
          </div>
          {scanning && (
            <QrScanner
              onClose={() => setScanning(false)}
              onCode={(text) => {
                setScanning(false);
                setOfferIn(text);
              }}
            />
          )}
          {myAnswer && (
            <>
              <p role="status">Send this answer back to your partner. You are connected as soon as they paste it.</p>
              <CodeOut code={myAnswer} kind="answer" />
            </>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" class="error-text" data-testid="pairing-error">
          {error}
        </p>
      )}
    </section>
  );
}
