import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

// The command-line tool: one self-contained ES module for Node, built from src/.
export default defineConfig({
  publicDir: false,
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
