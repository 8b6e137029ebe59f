import { useEffect, useState } from 'preact/hooks';
import { PeerController, type PeerView } from '../../peer/peer-session';
import { parseIceServers } from '../../peer/ice';
import { planInputFor } from '../../session/plan-input';
import type { AppContextValue } from '../context';
import { SandboxClient } from '../../bridges/sandbox-client';
import { createInterviewerEngine } from '../ai/interviewer-service';
import { candidateProfile } from '../start';

/**
 * One peer controller per tab, kept while the user visits other screens (the call and the session go
 * on); created on the first visit of the peer route.
 */
let controller: PeerController | null = null;
let sandbox: SandboxClient | null = null;

function depsFrom(app: AppContextValue) {
  return {
    name: app.activeProfile?.name || 'Guest',
    planInput: planInputFor(app.activeProfile),
    iceServers: parseIceServers(app.settings.peerIceServers).servers,
    // The interviewer's suggested lines come from the local AI interviewer when its model is loaded
    // (Settings → AI interviewer), else from the question bank and follow-up rules.
    engine: createInterviewerEngine(app.settings, candidateProfile(null)),
  };
}

export function peerController(app: AppContextValue): PeerController {
  if (!controller) {
    controller = new PeerController({
      repo: app.repo,
      appVersion: import.meta.env.PACKAGE_VERSION,
      ...depsFrom(app),
      runCode: (req) => (sandbox ??= new SandboxClient()).run(req),
    });
    // Test hook (bad-message injection in the E2E tests): only when a test set the flag before the app
    // loaded (Playwright's addInitScript); never in a normal page.
    const w = window as unknown as { __peer?: PeerController; __peerTestHooks?: boolean };
    if (w.__peerTestHooks === true) w.__peer = controller;
  } else controller.configure(depsFrom(app));
  return controller;
}

/** Leave the peer session: hang up and forget the controller (the session stays in History). */
export function leavePeer(): void {
  controller?.dispose();
  controller = null;
  (window as unknown as { __peer?: PeerController }).__peer = undefined;
}

export function usePeerView(c: PeerController): PeerView {
  const [view, setView] = useState(c.snapshot);
  useEffect(() => {
    setView(c.snapshot);
    return c.subscribe(setView);
  }, [c]);
  return view;
}
