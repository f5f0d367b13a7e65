import { defineConfig } from 'vite';

/** The client: index.html at the repo root, built to dist/ (served by the Express server). */
export default defineConfig({
  root: '.',
  publicDir: 'tiles',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  // the engine's Clipper (WebAssembly inlined) in its browser build
  resolve: { alias: { 'js-angusj-clipper': 'js-angusj-clipper/web/index.js' } },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  preview: {
    proxy: { '/api': process.env.CT_API ?? 'http://127.0.0.1:8080' },
  },
});
