#!/usr/bin/env node
// The `communitytwin` command: registers tsx and hands over to server/cli (TypeScript).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
