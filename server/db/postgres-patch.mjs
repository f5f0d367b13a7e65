#!/usr/bin/env node
/**
 * A fix for postgres.js 3.4.9 (the `postinstall` script; idempotent).
 *
 * When a connection's backend dies inside `sql.begin` (the database stopped, the backend was
 * terminated), postgres.js rejects the transaction and then sends its own ROLLBACK on the
 * closed connection: execute() queues the write with setImmediate, nextWrite() then calls
 * `socket.write` on the socket closed() has set to null, and the TypeError thrown from the
 * immediate callback ends the process (porsager/postgres#1154, #1208; open fixes #1168, #1176,
 * none released in 3.4.x). The stray query also stays in the connection's state, and the
 * never-cleared write timer stops the reconnected socket's small writes.
 *
 * The fix, in src/ and cjs/src/connection.js:
 *   execute()   a query on a connection whose socket is gone fails at once with CONNECTION_CLOSED
 *   nextWrite() does nothing when the socket is gone
 *   closed()    forgets the pending write and its timer, and the query it has just failed
 *               (left there, it kept sql.end() waiting for ever)
 * server/db/connect.ts checks the marker at start and warns when the fix is missing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const MARKER = '/* communitytwin: closed-socket guard */';
export const PATCHED_VERSION = '3.4.9';

const EDITS = [
  [
    `    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    `    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    ${MARKER}
    if (!socket)
      return (queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true)
`,
  ],
  [
    `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
    `  function nextWrite(fn) {
    if (!socket)
      return (chunk = nextWriteTimer = null, false)
    const x = socket.write(chunk, fn)`,
  ],
  [
    `    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)
    socket.removeListener('connect', connected)
    idleTimer.cancel()`,
    `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    socket.removeListener('data', data)
    socket.removeListener('connect', connected)
    idleTimer.cancel()`,
  ],
  [
    `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
    `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    query = null
`,
  ],
];

/** The installed postgres package directory. */
export function postgresDir(from = dirname(fileURLToPath(import.meta.url))) {
  // the package's exports do not include package.json: walk up from its main file
  let dir = dirname(createRequire(join(from, 'noop.js')).resolve('postgres'));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== 'postgres') {
    if (dirname(dir) === dir) throw new Error('postgres package directory not found');
    dir = dirname(dir);
  }
  return dir;
}

const FILES = ['src/connection.js', 'cjs/src/connection.js'];

/** true when every connection.js of the installed postgres.js carries the fix */
export function isPatched(dir = postgresDir()) {
  return FILES.every((f) => !existsSync(join(dir, f)) || readFileSync(join(dir, f), 'utf8').includes(MARKER));
}

/** Apply the fix; returns the files changed. Throws when the source is not the one it fits. */
export function patchPostgres(dir = postgresDir()) {
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const changed = [];
  for (const f of FILES) {
    const path = join(dir, f);
    if (!existsSync(path)) continue;
    let text = readFileSync(path, 'utf8');
    if (text.includes(MARKER)) continue;
    if (version !== PATCHED_VERSION) throw new Error(`postgres ${version}: the closed-socket fix is written for ${PATCHED_VERSION}; check whether this version still needs it (server/db/postgres-patch.mjs)`);
    for (const [from, to] of EDITS) {
      if (text.split(from).length !== 2) throw new Error(`${path}: the code to patch was not found once: ${from.split('\n')[0].trim()}`);
      text = text.replace(from, to);
    }
    writeFileSync(path, text);
    changed.push(path);
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const changed = patchPostgres();
  console.log(changed.length ? `postgres.js closed-socket fix applied to ${changed.join(', ')}` : 'postgres.js closed-socket fix: already applied');
}
