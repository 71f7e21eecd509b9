import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import packageJson from './package.json' with { type: 'json' };

// npm makes a bin executable only when it links it (`npm ci`, the first `npx`); every build
// writes the file anew, so the build itself sets the mode, or the linked command stops running.
const executable = (): Plugin => ({
  name: 'cors-lens-executable',
  writeBundle(options, bundle) {
    for (const file of Object.keys(bundle))
      if (file.endsWith('.mjs')) chmodSync(resolve(options.dir ?? 'dist/cli', file), 0o755);
  },
});

// The command-line tool: one self-contained ES module for Node, built from src/.
export default defineConfig({
  publicDir: false,
  plugins: [executable()],
  define: { __CORS_LENS_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      output: { entryFileNames: 'cors-lens.mjs', banner: '#!/usr/bin/env node' },
    },
  },
});
