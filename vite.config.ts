import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };
import firefoxManifest from './manifest.firefox.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };

// One source, one manifest, two builds: `vite build` → dist/chrome, `vite build --mode
// firefox` → dist/firefox. Firefox wants an event page (`background.scripts`, which @crxjs
// writes for `browser: 'firefox'`) and the gecko settings of manifest.firefox.json (id,
// minimum version, no data collected); Chrome warns on keys it does not know. Why each
// minimum version: docs/browser-support.md (test/unit/manifest/minimum-versions.test.ts).
function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  const base = { ...manifest, version: packageJson.version };
  if (browser === 'chrome') return base;
  const rest: Partial<typeof base> = { ...base };
  delete rest.minimum_chrome_version;
  return {
    ...rest,
    background: { scripts: [manifest.background.service_worker], type: 'module' },
    ...firefoxManifest,
  } as ManifestV3Export;
}

// The panel page is opened by the devtools page at run time, so it is not reachable from
// the manifest and is listed as an extra input.
export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(browser), browser })],
    define: { __CORS_LENS_VERSION__: JSON.stringify(packageJson.version) },
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      // The JavaScript is compiled for the oldest version each manifest accepts.
      target:
        browser === 'firefox'
          ? `firefox${parseInt(firefoxManifest.browser_specific_settings.gecko.strict_min_version)}`
          : `chrome${manifest.minimum_chrome_version}`,
      minify: true,
      // Both browsers preload modules natively; the polyfill would add a fetch() to the bundle.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: { panel: 'extension/panel/panel.html' },
      },
    },
  };
});
