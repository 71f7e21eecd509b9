// The minimum versions the manifests name must cover every API the extension calls and every
// manifest key it uses. Versions come from MDN's browser-compat-data (the data `web-ext lint`
// checks with), read for each API that appears in extension/; the few facts MDN does not
// hold are listed below with their source.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import bcd from '@mdn/browser-compat-data' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };
import firefoxManifest from '../../../manifest.firefox.json' with { type: 'json' };

type Browser = 'chrome' | 'firefox';
const minimum: Record<Browser, number> = {
  chrome: Number(manifest.minimum_chrome_version),
  firefox: parseInt(firefoxManifest.browser_specific_settings.gecko.strict_min_version),
};

interface Support {
  version_added?: string | boolean | null;
  flags?: unknown;
}
interface CompatNode {
  __compat?: { support: Partial<Record<Browser, Support | Support[]>> };
  [key: string]: unknown;
}

/** The first version that supports the feature without a flag ("≤58" counts as 58). */
function versionAdded(node: CompatNode, browser: Browser): number | null {
  const raw = node.__compat?.support[browser];
  const entries = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((s) => !s.flags);
  const versions = entries
    .map((s) =>
      typeof s.version_added === 'string' ? parseFloat(s.version_added.replace('≤', '')) : NaN,
    )
    .filter((v) => !Number.isNaN(v));
  return versions.length ? Math.min(...versions) : null;
}

function compatAt(root: CompatNode, path: string[]): CompatNode | null {
  let node: CompatNode | undefined = root;
  for (const key of path) node = node?.[key] as CompatNode | undefined;
  return node?.__compat ? node : null;
}

/** The version a feature MDN describes was added in; Infinity when MDN says it is missing. */
function addedIn(node: CompatNode | null, browser: Browser): number {
  return (node && versionAdded(node, browser)) ?? Infinity;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** `browser.a.b.c`, `chrome?.a?.b`, and the namespaces the code destructures (`webRequest.x`). */
function apisCalled(): string[] {
  const code = sources(resolve(import.meta.dirname, '../../../extension')).join('\n');
  const found = new Set<string>();
  for (const [, path] of code.matchAll(/\b(?:browser|chrome)\??\.((?:\w+\??\.)*\w+)/g))
    found.add((path ?? '').replaceAll('?', ''));
  for (const [, path] of code.matchAll(/\b(webRequest\.\w+)/g)) found.add(path ?? '');
  return [...found].sort();
}

const apis = bcd.webextensions.api as unknown as CompatNode;
const manifestKeys = bcd.webextensions.manifest as unknown as CompatNode;

/** The deepest node of `path` that MDN describes (`storage.session.set` → itself). */
function describedApi(path: string): { name: string; node: CompatNode } | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const node = compatAt(apis, parts.slice(0, n));
    if (node) return { name: parts.slice(0, n).join('.'), node };
  }
  return null;
}

// What MDN does not hold, with where each number comes from.
const beyondMdn: { what: string; browser: Browser; version: number; source: string }[] = [
  {
    what: 'webRequest details.documentId / frameType (the tracker keys navigations on them)',
    browser: 'chrome',
    version: 106,
    source:
      'https://developer.chrome.com/docs/extensions/reference/api/webRequest (since Chrome 106)',
  },
  {
    what: "webRequest's extraHeaders option (preflights and Origin are hidden without it)",
    browser: 'chrome',
    version: 72,
    source:
      'https://developer.chrome.com/docs/extensions/reference/api/webRequest (since Chrome 72)',
  },
  {
    what: 'storage.session at 10 MB (the tracker budgets 8 MB)',
    browser: 'chrome',
    version: 112,
    source: 'MDN storage.session note: "Before version 112, storage quota limits were 1MB."',
  },
];

describe('the manifests name versions that have everything CORS Lens uses', () => {
  const called = apisCalled();

  it('finds the APIs the extension calls', () => {
    // A guard for the scanner itself: these are called today.
    expect(called).toEqual(
      expect.arrayContaining([
        'storage.session.set',
        'action.setBadgeText',
        'webRequest.onSendHeaders',
      ]),
    );
  });

  it.each(called)('%s exists in both minimum versions', (path) => {
    const described = describedApi(path);
    expect(
      described,
      `MDN has no entry for ${path}: add it to beyondMdn with a source`,
    ).not.toBeNull();
    for (const browser of ['chrome', 'firefox'] as const)
      expect(
        addedIn(described?.node ?? null, browser),
        `${described?.name} in ${browser}`,
      ).toBeLessThanOrEqual(minimum[browser]);
  });

  it.each([
    ['background.service_worker', 'chrome'],
    ['background.type', 'chrome'],
    ['background.scripts', 'firefox'],
    ['background.type', 'firefox'],
    ['action', 'chrome'],
    ['action', 'firefox'],
    ['devtools_page', 'chrome'],
    ['devtools_page', 'firefox'],
    ['host_permissions', 'chrome'],
    ['host_permissions', 'firefox'],
    ['browser_specific_settings.gecko.data_collection_permissions', 'firefox'],
  ] as const)('manifest key %s exists in %s’s minimum version', (key, browser) => {
    expect(addedIn(compatAt(manifestKeys, key.split('.')), browser)).toBeLessThanOrEqual(
      minimum[browser],
    );
  });

  it.each(beyondMdn)('$what ($browser $version)', ({ browser, version }) => {
    expect(version).toBeLessThanOrEqual(minimum[browser]);
  });

  it('Firefox: no lower than the data_collection_permissions key needs (Firefox warns below it)', () => {
    const node = compatAt(manifestKeys, [
      'browser_specific_settings',
      'gecko',
      'data_collection_permissions',
    ]);
    expect(minimum.firefox).toBe(addedIn(node, 'firefox'));
  });
});
