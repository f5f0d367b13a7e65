/** The CLI and the server as processes, as users run them. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { processDatabase } from '../setup/db.ts';
import { WULAOCUN_PATH, smallTwin } from './twins.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TMP = resolve(ROOT, 'test/.tmp');

interface Exit { code: number | null; stdout: string; stderr: string }
function run(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...cleanEnv(), ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}
/** The parent's environment without database settings: each test says which database. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _u, DATABASE_SCHEMA: _s, DATA_DIR: _d, PORT: _p, HOST: _h, ...rest } = process.env;
  return rest;
}
const cli = (args: string[], env: Record<string, string>) => run(['bin/communitytwin.js', ...args], env);

describe('communitytwin import', () => {
  let database: Awaited<ReturnType<typeof processDatabase>>;
  beforeAll(async () => { database = await processDatabase(); });
  afterAll(async () => { await database?.cleanup(); });

  test('bad input exits 2 with the error JSON on stderr', async () => {
    const bad = smallTwin('cli-bad');
    (bad.features[4].properties as Record<string, unknown>).kind = 'cctv';
    const file = resolve(TMP, 'cli-bad.geojson');
    writeFileSync(file, JSON.stringify(bad));
    const exit = await cli(['import', file], database.env);
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    const { error } = JSON.parse(exit.stderr);
    expect(error).toMatchObject({ code: 'invalid_twin', details: { errors: [{ featureIndex: 4, id: 'cam1', field: 'properties.kind' }] } });
  });

  test('a missing file exits 2', async () => {
    const exit = await cli(['import', resolve(TMP, 'no-such.geojson')], database.env);
    expect(exit.code).toBe(2);
    expect(JSON.parse(exit.stderr).error.code).toBe('file_not_found');
  });

  test('a good file loads; loading it again is a conflict (exit 2) unless --replace', async () => {
    const first = await cli(['import', WULAOCUN_PATH, '--id', 'wulaocun'], database.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ id: 'wulaocun', version: 1, features: 850 });

    const again = await cli(['import', WULAOCUN_PATH, '--id', 'wulaocun'], database.env);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stderr).error.code).toBe('conflict');

    const replaced = await cli(['import', WULAOCUN_PATH, '--id', 'wulaocun', '--replace'], database.env);
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ id: 'wulaocun', version: 2, replaced: true });
  });
});

test('the server migrates, loads the demos on first start and prints where it listens', async () => {
  const database = await processDatabase();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT, env: { ...cleanEnv(), ...database.env, PORT: '0', HOST: '127.0.0.1' },
  });
  let output = '';
  try {
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d) => {
        output += d;
        const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
        if (m) ok(m[1]);
      });
      child.stderr.on('data', (d) => { output += d; });
      child.on('close', (code) => fail(new Error(`server exited ${code}:\n${output}`)));
    });
    expect(output).toMatch(/opened in \d+\.\d s/);
    const communities = await (await fetch(`${url}/api/communities`)).json();
    expect(communities.map((c: { id: string }) => c.id)).toContain('nanjing-qinhuai-wulaocun');
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health.db.mode).toBe(process.env.DATABASE_URL ? 'postgres' : 'embedded');
  } finally {
    const exited = new Promise((ok) => child.on('close', ok));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await database.cleanup();
  }
});
