import { browser } from './browser';
import { defaultSettings, type Settings } from '../src/protocol/messages';

// Settings are preferences, not recorded traffic: storage.local is fine for them.
const settingsKey = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(settingsKey))[settingsKey] as
    Partial<Settings> | undefined;
  return { ...defaultSettings, ...(stored && typeof stored === 'object' ? stored : {}) };
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const settings = { ...(await loadSettings()), ...change };
  await browser.storage.local.set({ [settingsKey]: settings });
  return settings;
}

/** Calls back with the settings now and whenever they change. */
export function watchSettings(onChange: (settings: Settings) => void): void {
  void loadSettings().then(onChange);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && settingsKey in changes) void loadSettings().then(onChange);
  });
}
