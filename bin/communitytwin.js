#!/usr/bin/env node
// The `communitytwin` command: registers tsx and hands over to server/cli (TypeScript).
import { register } from 'tsx/esm/api';

// `communitytwin … | head` closes the pipe early: that is not an error
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

register();
const { main } = await import('../server/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
