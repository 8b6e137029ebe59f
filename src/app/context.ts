import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Repository } from '../db/repository';
import type { Profile, Settings } from '../db/types';

export interface AppContextValue {
  repo: Repository;
  settings: Settings;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  profiles: Profile[];
  activeProfile: Profile | null;
  reloadProfiles(): Promise<void>;
  /** Show a message in the app's status area (errors stay until dismissed). */
  notify(message: string, kind?: 'info' | 'error'): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp() outside <AppContext.Provider>');
  return ctx;
}
