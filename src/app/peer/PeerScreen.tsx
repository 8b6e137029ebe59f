import { useEffect, useMemo } from 'preact/hooks';
import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { PeerController } from '../../peer/peer-session';
import type { SessionRecord } from '../../db/types';
import { leavePeer, peerController, usePeerView } from './use-peer';
import { PairingPanel } from './PairingPanel';
import { TranscriptPanel } from './TranscriptPanel';
import { InterviewerPanel } from './InterviewerPanel';
import { CandidatePanel } from './CandidatePanel';
import { RubricPanel } from './RubricPanel';
import { SharedEditor } from './SharedEditor';
import { CallVideo } from './CallVideo';
import './peer.css';

const LINK_TEXT: Record<string, string> = {
  none: 'Not connected',
  gathering: 'Preparing a code…',
  'waiting-answer': "Waiting for your partner's answer",
  connecting: 'Connecting…',
  open: 'Connected',
  disconnected: 'Connection lost',
  failed: 'Connection failed',
  closed: 'Not connected',
};

/** Mock interviews with a partner, peer to peer: pairing, the call, the two roles, the shared editor. */
export function PeerScreen({ code }: { code?: string }) {
  const app = useApp();
  const controller = useMemo(() => peerController(app), [app]);
  const view = usePeerView(controller);
  const [unfinished, setUnfinished] = useState<SessionRecord | null>(null);

  useEffect(() => {
    if (view.sessionId) return;
    void PeerController.findUnfinished(app.repo).then((r) => setUnfinished(r ?? null));
  }, [view.sessionId]);

  const connected = view.link === 'open';
  const lost = view.sessionId !== null && !connected;
  const inSession = view.sessionId !== null || connected;

  return (
    <section class="peer">
      <h1>Practise with a partner</h1>
      <p class="peer-status" role="status" data-testid="peer-status" data-link={view.link}>
        <strong>{LINK_TEXT[view.link] ?? view.link}</strong>
        {view.partnerName && ` · with ${view.partnerName}`} · you are the <span data-testid="peer-role">{view.role}</span>
        {view.half > 1 && ` · half ${view.half}`}
      </p>
      {view.versionMismatch && (
        <p class="banner error" role="alert" data-testid="version-mismatch">
          {view.versionMismatch}
        </p>
      )}
      {view.error && (
        <p class="banner error" role="alert">
          {view.error}
        </p>
      )}
      {lost && (view.link === 'disconnected' || view.link === 'failed' || view.link === 'none') && (
        <p class="banner warn" role="alert" data-testid="connection-lost">
          The connection to your partner is lost. Everything said and scored so far is kept on this device{view.role === 'interviewer' ? ' and the clock is paused' : ''}. Re-pair
          below (a new invitation and answer) to continue the same interview.
        </p>
      )}
      {unfinished && !view.sessionId && (
        <div class="card">
          <p>
            You have an unfinished peer interview with {unfinished.peer?.partnerName ?? 'a partner'} (you were the interviewer).
          </p>
          <button type="button" onClick={() => void controller.restoreInterviewer(unfinished.id).then(() => setUnfinished(null), (e: unknown) => app.notify(String(e), 'error'))}>
            Continue it
          </button>
        </div>
      )}
      {!connected && <PairingPanel key={view.sessionId ?? 'new'} controller={controller} view={view} {...(code ? { initialCode: code } : {})} repair={lost} />}
      {inSession && (
        <div class="peer-room">
          <div class="peer-main">
            <div class="peer-videos">
              <CallVideo stream={view.remoteStream} label={`${view.partnerName ?? 'Partner'}'s video`} muted={false} />
              <CallVideo stream={view.localStream} label="Your camera" muted small />
            </div>
            {view.role === 'interviewer' ? <InterviewerPanel controller={controller} view={view} /> : <CandidatePanel view={view} />}
            <SharedEditor controller={controller} view={view} />
          </div>
          <div class="peer-side">
            <TranscriptPanel controller={controller} view={view} />
            {view.role === 'interviewer' && <RubricPanel controller={controller} view={view} />}
          </div>
        </div>
      )}
      <p class="muted small">
        Privacy: the call goes straight between your two browsers (encrypted by WebRTC). Each of you transcribes your own microphone on your own device and only the
        text is sent; no audio is recorded. Both of you keep a copy of the session in this browser.{' '}
        {view.dropped > 0 && <span data-testid="dropped">Ignored {view.dropped} invalid message(s) from the partner ({view.lastDropped}).</span>}
      </p>
      {inSession && (
        <button type="button" class="link" onClick={() => { leavePeer(); location.hash = '#/'; }}>
          Leave (hang up)
        </button>
      )}
    </section>
  );
}
