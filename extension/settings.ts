import { browser } from './browser';
import { settingsFrom, type Settings } from '../src/protocol/messages';

// Settings are preferences, not recorded traffic: storage.local is fine for them.
const settingsKey = 'settings';

export async function loadSettings(): Promise<Settings> {
  return settingsFrom((await browser.storage.local.get(settingsKey))[settingsKey]);
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const settings = { ...(await loadSettings()), ...change };
  await browser.storage.local.set({ [settingsKey]: settings });
  return settings;
}

/** Calls back with the settings now and whenever they change; returns the stop. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  void loadSettings().then(onChange);
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && settingsKey in changes) void loadSettings().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
