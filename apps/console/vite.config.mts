import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is served by keyward at /console (apps/server/src/console); the build lands in
// dist/console, which the server reads (CONSOLE_ASSETS_DIR). Never committed: built by `npm run build:console`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  publicDir: false,
  // React 17+ automatic JSX runtime through Vite's own transform (no Babel plugin needed).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // CSP default-src 'self': no inline script, so no module-preload polyfill inlined into the page.
    modulePreload: { polyfill: false },
    sourcemap: true,
    reportCompressedSize: false,
  },
});
