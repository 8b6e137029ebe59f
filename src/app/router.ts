import { useEffect, useState } from 'preact/hooks';

/** Hash routes: static hosting needs no server rewrites and the app works offline. */
export type Route =
  | { name: 'home' }
  | { name: 'setup' }
  | { name: 'profiles' }
  | { name: 'interview'; id: string }
  | { name: 'report'; id: string }
  | { name: 'history' }
  | { name: 'settings' }
  /** Peer-to-peer interview; `code` is an invitation carried in the link's fragment (never sent to a server). */
  | { name: 'peer'; code?: string }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [, first = '', second] = path.split('/');
  switch (first) {
    case '':
      return { name: 'home' };
    case 'setup':
      return { name: 'setup' };
    case 'profiles':
      return { name: 'profiles' };
    case 'history':
      return { name: 'history' };
    case 'settings':
      return { name: 'settings' };
    case 'peer':
      return second ? { name: 'peer', code: second } : { name: 'peer' };
    case 'interview':
      return second ? { name: 'interview', id: decodeURIComponent(second) } : { name: 'not-found', path };
    case 'report':
      return second ? { name: 'report', id: decodeURIComponent(second) } : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'interview':
    case 'report':
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
    case 'peer':
      return route.code ? `#/peer/${route.code}` : '#/peer';
    case 'not-found':
      return '#/';
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
