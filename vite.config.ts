import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };

// The extension build. The panel page is opened by the devtools page at run time,
// so it is not reachable from the manifest and is listed as an extra input.
export default defineConfig({
  plugins: [preact(), crx({ manifest: { ...manifest, version: packageJson.version } })],
  define: { __CORS_LENS_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'chrome116',
    minify: true,
    rollupOptions: {
      input: { panel: 'extension/panel/panel.html' },
    },
  },
});
