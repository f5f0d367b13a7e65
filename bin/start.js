#!/usr/bin/env node
// `npm start`: build the client once if dist/ is missing, then run server/main.ts via tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (!existsSync(join(root, 'dist', 'index.html'))) {
  if (existsSync(join(root, 'vite.config.ts'))) {
    console.log('dist/ is missing: building the client (vite build) once');
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const build = spawnSync(process.execPath, [vite, 'build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error(`vite build failed (exit ${build.status}); starting the API without the client`);
    }
  } else {
    console.log('note: no vite.config.ts, so no client build; serving the API only');
  }
}

register();
await import('../server/main.ts');
