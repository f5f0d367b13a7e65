import { defineConfig, type Plugin } from 'vite';

/**
 * @fontsource's CSS offers every subset as woff2 and woff; every browser that runs WebGL 2
 * takes woff2, so the woff copies are dropped rather than shipped (half the font bytes).
 */
function woff2Only(): Plugin {
  return {
    name: 'communitytwin:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].*\.css$/.test(id)) return null;
      return code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, '');
    },
  };
}

/** The client: index.html at the repo root, built to dist/ (served by the Express server). */
export default defineConfig({
  root: '.',
  publicDir: 'tiles',
  plugins: [woff2Only()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // module workers and the engine's top-level await (engine/geo/clip.ts) need ES2022
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: {
        // the map libraries change less often than the app: their own chunks stay cached
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'deckgl', test: /node_modules[\\/]@(deck|luma|loaders|math)\.gl[\\/]/ },
          ],
        },
      },
    },
  },
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
