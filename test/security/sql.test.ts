/**
 * Parameterized SQL only: no `sql.unsafe(` and no template string handed to sql()/tx() as a
 * plain call (which would be a string query, not a tagged template) anywhere in server/,
 * except the migration runner, which runs the static migration files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ALLOWED = new Set(['server/db/migrate.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const PATTERNS: [string, RegExp][] = [
  ['unsafe()', /\.unsafe\s*\(/],
  ['template string passed to sql()/tx() as an argument', /\b(sql|tx|db\.sql)\s*\(\s*`/],
  ['string concatenated into a query', /\b(sql|tx)\s*\(\s*['"][^'"]*\b(SELECT|INSERT|UPDATE|DELETE)\b/i],
];

test('no string-built SQL in server/', () => {
  const offences: string[] = [];
  for (const file of files(join(ROOT, 'server'))) {
    const rel = relative(ROOT, file);
    if (ALLOWED.has(rel)) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const [what, re] of PATTERNS) if (re.test(line)) offences.push(`${rel}:${i + 1}: ${what}: ${line.trim()}`);
    });
  }
  expect(offences).toEqual([]);
});

test('the check itself catches what it is meant to', () => {
  const caught = (line: string) => PATTERNS.some(([, re]) => re.test(line));
  expect(caught('await sql.unsafe(`SELECT ${x}`)')).toBe(true);
  expect(caught('await tx(`SELECT * FROM t WHERE id = ${id}`)')).toBe(true);
  expect(caught('await sql("SELECT * FROM t WHERE id = " + id)')).toBe(true);
  expect(caught('await sql`SELECT * FROM t WHERE id = ${id}`')).toBe(false);
  expect(caught('await sql`SELECT * FROM ${sql(table)}`')).toBe(false);
});
