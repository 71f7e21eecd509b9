import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: 'bench/panel-shell',
  base: './',
  plugins: [preact()],
  define: { __CORS_LENS_VERSION__: '"bench"' },
  build: { outDir: '../../dist/panel-shell', emptyOutDir: true },
});
