/**
 * The shared coding document: a Yjs doc whose updates travel over our own data channel (y-webrtc would
 * need signalling servers). On every (re)connection each side sends its state vector and the other
 * answers with exactly the updates it lacks, so edits made while apart merge without loss.
 */
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from './codec';
import type { OutgoingMessage } from './protocol';

export class SharedCode {
  readonly doc = new Y.Doc();
  readonly text: Y.Text;
  private readonly onUpdate: (update: Uint8Array, origin: unknown) => void;

  constructor(
    private readonly send: (m: OutgoingMessage) => void,
    stored: string | null = null,
  ) {
    this.text = this.doc.getText('code');
    if (stored) {
      try {
        Y.applyUpdate(this.doc, fromBase64Url(stored), this);
      } catch (err) {
        console.warn('[peer] stored code could not be restored:', err);
      }
    }
    this.onUpdate = (update, origin) => {
      if (origin !== this) this.send({ type: 'yjs', update: toBase64Url(update) });
    };
    this.doc.on('update', this.onUpdate);
  }

  /** After the channel opens: ask the peer for what we lack. */
  sendStateVector(): void {
    this.send({ type: 'yjs-sv', sv: toBase64Url(Y.encodeStateVector(this.doc)) });
  }

  /** The peer's state vector: send the updates it lacks. */
  answerStateVector(sv: string): void {
    const update = Y.encodeStateAsUpdate(this.doc, fromBase64Url(sv));
    // An empty update is 2 bytes; skip it.
    if (update.length > 2) this.send({ type: 'yjs', update: toBase64Url(update) });
  }

  /** Apply a peer's update. A damaged update is dropped (and reported), never thrown. */
  applyRemote(update: string): boolean {
    try {
      Y.applyUpdate(this.doc, fromBase64Url(update), this);
      return true;
    } catch (err) {
      console.warn('[peer] dropped a damaged editor update:', err);
      return false;
    }
  }

  /** Replace the whole text (the interviewer setting a problem's starter code). */
  replace(code: string): void {
    this.doc.transact(() => {
      this.text.delete(0, this.text.length);
      this.text.insert(0, code);
    });
  }

  toString(): string {
    return this.text.toString();
  }

  /** The whole document as one update, for storage. */
  snapshot(): string {
    return toBase64Url(Y.encodeStateAsUpdate(this.doc));
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.doc.destroy();
  }
}
