/**
 * One WebRTC connection between two peers, paired by copying an offer and an answer (no signalling
 * server): ICE gathering completes before a code is shown, so each code carries every candidate.
 * A negotiated, reliable, ordered data channel (id 0) carries the protocol; audio and video ride on two
 * transceivers that exist whether or not this side has a camera and microphone.
 */
import { decodeSignal, encodeSignal, PairingCodeError, type PairingSignal, type PeerRole } from './codec';

export type LinkState = 'gathering' | 'waiting-answer' | 'connecting' | 'open' | 'disconnected' | 'failed' | 'closed';

export interface LinkOptions {
  /** STUN/TURN servers; empty by default (host candidates only: same network or same machine). */
  iceServers: RTCIceServer[];
  /** Local camera and microphone, when the user allowed them. */
  media: MediaStream | null;
  /** Stop waiting for ICE gathering after this long and use the candidates found so far. */
  gatherTimeoutMs?: number;
  onState(state: LinkState): void;
  onMessage(data: unknown): void;
  onRemoteStream(stream: MediaStream): void;
}

export class PeerLinkError extends Error {
  override readonly name = 'PeerLinkError';
}

function newPairId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 13) : Math.random().toString(36).slice(2, 15);
}

function waitForGathering(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const check = (): void => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const onCandidate = (e: RTCPeerConnectionIceEvent): void => {
      if (e.candidate === null) done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
    pc.addEventListener('icecandidate', onCandidate);
  });
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  private _state: LinkState = 'gathering';
  /** performance.now() when the data channel opened (for the peer_connect_ms benchmark). */
  openedAt: number | null = null;
  private remote: MediaStream | null = null;

  private constructor(
    private readonly opts: LinkOptions,
    readonly pairId: string,
    /** This side's role for this pairing. */
    readonly role: PeerRole,
  ) {
    this.pc = new RTCPeerConnection({ iceServers: opts.iceServers });
    this.channel = this.pc.createDataChannel('app', { negotiated: true, id: 0, ordered: true });
    this.channel.onopen = () => {
      this.openedAt = performance.now();
      this.setState('open');
    };
    this.channel.onclose = () => this.setState(this._state === 'closed' ? 'closed' : 'disconnected');
    this.channel.onmessage = (e: MessageEvent) => this.opts.onMessage(e.data);
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      if (s === 'failed') this.setState('failed');
      else if (s === 'disconnected' && this._state === 'open') this.setState('disconnected');
    };
    this.pc.ontrack = (e) => {
      const stream = e.streams[0] ?? (this.remote ??= new MediaStream());
      if (!e.streams[0]) stream.addTrack(e.track);
      this.remote = stream;
      this.opts.onRemoteStream(stream);
    };
  }

  get state(): LinkState {
    return this._state;
  }

  private setState(s: LinkState): void {
    if (this._state === s || this._state === 'closed') return;
    if (s === 'disconnected' && this._state !== 'open') return;
    this._state = s;
    this.opts.onState(s);
  }

  /** The host: make an offer (ICE gathering complete) and its pairing code. */
  static async offer(opts: LinkOptions, role: PeerRole): Promise<{ link: PeerLink; code: string }> {
    const link = new PeerLink(opts, newPairId(), role);
    const { pc } = link;
    const tracks = opts.media?.getTracks() ?? [];
    for (const kind of ['audio', 'video'] as const) {
      const track = tracks.find((t) => t.kind === kind);
      pc.addTransceiver(track ?? kind, { direction: 'sendrecv', streams: opts.media ? [opts.media] : [] });
    }
    await pc.setLocalDescription(await pc.createOffer());
    await waitForGathering(pc, opts.gatherTimeoutMs ?? 8000);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new PeerLinkError('The browser did not produce an offer.');
    link.setState('waiting-answer');
    return { link, code: await encodeSignal({ kind: 'offer', sdp, role, pairId: link.pairId }) };
  }

  /** The guest: answer an offer code (or link); returns the answer code to send back. */
  static async answer(opts: LinkOptions, offer: PairingSignal): Promise<{ link: PeerLink; code: string }> {
    if (offer.kind !== 'offer') throw new PairingCodeError('This is an answer code. Paste it on the device that made the invitation.');
    const role: PeerRole = offer.role === 'interviewer' ? 'candidate' : 'interviewer';
    const link = new PeerLink(opts, offer.pairId, role);
    const { pc } = link;
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    const tracks = opts.media?.getTracks() ?? [];
    for (const tr of pc.getTransceivers()) {
      const kind = tr.receiver.track.kind;
      const track = tracks.find((t) => t.kind === kind);
      if (track) {
        await tr.sender.replaceTrack(track);
        if (opts.media) tr.sender.setStreams?.(opts.media);
      }
      tr.direction = 'sendrecv';
    }
    await pc.setLocalDescription(await pc.createAnswer());
    await waitForGathering(pc, opts.gatherTimeoutMs ?? 8000);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new PeerLinkError('The browser did not produce an answer.');
    link.setState('connecting');
    return { link, code: await encodeSignal({ kind: 'answer', sdp, role, pairId: offer.pairId }) };
  }

  /** The host: apply the guest's answer code. */
  async accept(answerCode: string): Promise<void> {
    const answer = await decodeSignal(answerCode);
    if (answer.kind !== 'answer') throw new PairingCodeError('This is an invitation code, not an answer. Paste the code your partner sent back.');
    if (answer.pairId !== this.pairId) throw new PairingCodeError('This answer belongs to a different invitation. Ask your partner to answer the invitation shown here.');
    if (this.pc.signalingState !== 'have-local-offer') throw new PairingCodeError('This invitation was already answered. Create a new one to pair again.');
    this.setState('connecting');
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
  }

  send(text: string): boolean {
    if (this.channel.readyState !== 'open') return false;
    try {
      this.channel.send(text);
      return true;
    } catch {
      return false;
    }
  }

  /** Close for good (no state callback: the owner knows). */
  close(): void {
    this._state = 'closed';
    try {
      this.channel.close();
      this.pc.close();
    } catch {
      // Already closed.
    }
  }
}
