import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Repository } from '../db/repository';
import { DEFAULT_SETTINGS, type Profile, type Settings } from '../db/types';
import { AppContext, type AppContextValue } from './context';
import { href, useRoute, type Route } from './router';
import { lazyScreen } from './lazy';
import { HomeScreen } from './screens/Home';
import { UpdateBanner } from './components/UpdateBanner';

const InterviewScreen = lazyScreen<{ id: string }>(() => import('./screens/Interview').then((m) => m.InterviewScreen));
const SetupScreen = lazyScreen(() => import('./screens/Setup').then((m) => m.SetupScreen));
const ProfilesScreen = lazyScreen(() => import('./screens/Profiles').then((m) => m.ProfilesScreen));
const ReportScreen = lazyScreen<{ id: string }>(() => import('./screens/Report').then((m) => m.ReportScreen));
const HistoryScreen = lazyScreen(() => import('./screens/History').then((m) => m.HistoryScreen));
const SettingsScreen = lazyScreen(() => import('./screens/Settings').then((m) => m.SettingsScreen));
// The whole peer feature (WebRTC, Yjs, QR codes) loads only on its route.
const PeerScreen = lazyScreen<{ code?: string }>(() => import('./peer/PeerScreen').then((m) => m.PeerScreen));

const NAV: { route: Route; label: string }[] = [
  { route: { name: 'home' }, label: 'Home' },
  { route: { name: 'profiles' }, label: 'Profiles' },
  { route: { name: 'peer' }, label: 'With a partner' },
  { route: { name: 'history' }, label: 'History' },
  { route: { name: 'settings' }, label: 'Settings' },
];

function applyTheme(theme: Settings['theme']): void {
  const el = document.documentElement;
  if (theme === 'system') el.removeAttribute('data-theme');
  else el.setAttribute('data-theme', theme);
}

interface Notice {
  id: number;
  message: string;
  kind: 'info' | 'error';
}

export function App({ repo }: { repo: Repository }) {
  const route = useRoute();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [ready, setReady] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);

  const notify = useCallback((message: string, kind: 'info' | 'error' = 'info') => {
    const id = Date.now() + Math.random();
    setNotices((n) => [...n.filter((x) => x.message !== message), { id, message, kind }]);
    if (kind === 'info') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 5000);
  }, []);

  const reloadProfiles = useCallback(async () => setProfiles(await repo.listProfiles()), [repo]);

  useEffect(() => {
    void (async () => {
      const [s, p] = await Promise.all([repo.getSettings(), repo.listProfiles()]);
      setSettings(s);
      setProfiles(p);
      applyTheme(s.theme);
      setReady(true);
    })();
  }, [repo]);

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      const next = { ...settings, ...patch };
      setSettings(next);
      applyTheme(next.theme);
      try {
        await repo.saveSettings(next);
      } catch (err) {
        notify(err instanceof Error ? err.message : String(err), 'error');
      }
    },
    [repo, settings, notify],
  );

  const ctx = useMemo<AppContextValue>(
    () => ({
      repo,
      settings,
      updateSettings,
      profiles,
      activeProfile: profiles.find((p) => p.id === settings.activeProfileId) ?? null,
      reloadProfiles,
      notify,
    }),
    [repo, settings, updateSettings, profiles, reloadProfiles, notify],
  );

  useEffect(() => {
    const main = document.getElementById('main');
    // Move focus to the new screen's heading for keyboard and screen-reader users.
    const h1 = main?.querySelector('h1');
    if (h1 instanceof HTMLElement && route.name !== 'interview') {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
    }
  }, [route.name]);

  if (!ready) return <p class="muted">Loading…</p>;

  return (
    <AppContext.Provider value={ctx}>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="app-header">
        <a class="brand" href="#/">Interview practice</a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.label}>
                <a href={href(n.route)} aria-current={route.name === n.route.name ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {repo.kind === 'memory' && (
        <p class="banner warn" role="status">
          This browser does not allow the app to store data (IndexedDB is unavailable, for example in a private window). The app works, but
          your interviews live only in this tab and are lost when it closes. Export a report to keep it.
        </p>
      )}
      <UpdateBanner />
      <div class="notices" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} class={`banner ${n.kind === 'error' ? 'error' : 'info'}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span>{n.message}</span>
            <button type="button" class="link" onClick={() => setNotices((all) => all.filter((x) => x.id !== n.id))}>
              Dismiss
            </button>
          </div>
        ))}
      </div>
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </AppContext.Provider>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'setup':
      return <SetupScreen />;
    case 'profiles':
      return <ProfilesScreen />;
    case 'interview':
      return <InterviewScreen key={route.id} id={route.id} />;
    case 'report':
      return <ReportScreen key={route.id} id={route.id} />;
    case 'history':
      return <HistoryScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'peer':
      return <PeerScreen {...(route.code ? { code: route.code } : {})} />;
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            There is nothing at “{route.path}”. <a href="#/">Go home</a>.
          </p>
        </section>
      );
  }
}
