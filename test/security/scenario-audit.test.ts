/**
 * Scenario writes (create, suggest, update, duplicate, delete, apply) append their audit row in
 * the write's own transaction: the row names the scenario and its row hash before and after,
 * and when the audit row cannot be written the write is not stored either (and the reverse:
 * a refused write leaves no audit row). Runs on the database the tests are given (embedded
 * PGlite, or DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyChain } from '../../server/audit/verify.ts';
import { communityState } from '../../server/audit/state.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { json, principals, startSecureApp, type Client } from './helpers.ts';

let db: TestDatabase;
let app: RunningApp;
let as: Awaited<ReturnType<typeof principals>>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startSecureApp(db);
  as = await principals(db.sql, app.url);
  expect((await send(as.planner, '/api/communities?id=sca', smallTwin('sca'))).status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const send = (c: Client, path: string, body: unknown, method = 'POST') => c.fetch(path, json(body, method));
const auditCount = async () => (await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log`)[0].n;
const rowsAfter = (n: number) => db.sql`SELECT * FROM audit_log ORDER BY id OFFSET ${n}`;
const scenarioHash = async (id: string): Promise<string | null> =>
  (await db.sql<{ h: string }[]>`SELECT audit_row_hash(to_jsonb(s)) AS h FROM scenario s WHERE s.id = ${id}`)[0]?.h ?? null;
const scenarios = () => db.sql`SELECT id, name, edits, base_version FROM scenario ORDER BY id`;

describe('each scenario write appends its row in its own transaction', () => {
  test('create, update, duplicate, delete: one row on scenario:<id> with its row hashes; apply: the community', async () => {
    let n = await auditCount();
    const created = await send(as.planner, '/api/communities/sca/scenarios', { name: 'taller', edits: [{ op: 'update', id: 'b2', props: { floors: 7 } }] });
    expect(created.status).toBe(201);
    const s = await created.json();
    let rows = await rowsAfter(n);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: as.planner.name, action: 'scenario.create', target: `scenario:${s.id}`, before_hash: null, after_hash: await scenarioHash(s.id) });
    expect(rows[0].details).toEqual({ community: 'sca' });

    n = await auditCount();
    const beforeUpdate = await scenarioHash(s.id);
    expect((await send(as.planner, `/api/scenarios/${s.id}`, { name: 'taller still' }, 'PUT')).status).toBe(200);
    rows = await rowsAfter(n);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'scenario.update', target: `scenario:${s.id}`, before_hash: beforeUpdate, after_hash: await scenarioHash(s.id) });
    expect(rows[0].before_hash).not.toBe(rows[0].after_hash);

    n = await auditCount();
    const dup = await send(as.planner, `/api/scenarios/${s.id}/duplicate`, { name: 'copy' });
    expect(dup.status).toBe(201);
    const copy = await dup.json();
    rows = await rowsAfter(n);
    expect(rows.map((r) => [r.action, r.target, r.before_hash, r.after_hash])).toEqual([['scenario.duplicate', `scenario:${copy.id}`, null, await scenarioHash(copy.id)]]);

    n = await auditCount();
    const copyHash = await scenarioHash(copy.id);
    expect((await as.admin.fetch(`/api/scenarios/${copy.id}`, { method: 'DELETE' })).status).toBe(204);
    rows = await rowsAfter(n);
    expect(rows.map((r) => [r.actor, r.action, r.target, r.before_hash, r.after_hash])).toEqual([[as.admin.name, 'scenario.delete', `scenario:${copy.id}`, copyHash, null]]);

    n = await auditCount();
    expect((await as.planner.fetch(`/api/scenarios/${s.id}/apply`, { method: 'POST' })).status).toBe(200);
    rows = await rowsAfter(n);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'scenario.apply', target: 'community:sca', after_hash: await communityState(db.sql, 'sca') });
    expect(Object.keys(rows[0].details.features)).toEqual(['b2']);

    // none of them was recorded after the fact, outside the write's transaction
    const outside = await db.sql`SELECT action FROM audit_log WHERE action LIKE 'scenario.%' AND details ? 'inTransaction'`;
    expect(outside).toEqual([]);
    expect(await verifyChain(db.sql)).toMatchObject({ ok: true });
  });

  test('suggest: the new scenario is recorded with the write', async () => {
    const n = await auditCount();
    const res = await send(as.planner, '/api/communities/sca/suggest?tier=basic', {});
    if (res.status !== 201) throw new Error(`suggest: ${res.status} ${await res.text()}`);
    const { scenario } = await res.json();
    const rows = await rowsAfter(n);
    expect(rows.map((r) => [r.action, r.target, r.after_hash])).toEqual([['scenario.suggest', `scenario:${scenario.id}`, await scenarioHash(scenario.id)]]);
  });

  test('a refused write (stale apply, bad edits, unknown scenario) appends nothing', async () => {
    const s = await (await send(as.planner, '/api/communities/sca/scenarios', { name: 'stale', edits: [] })).json();
    // the community moves on (an attestation bumps nothing; an applied scenario does)
    const other = await (await send(as.planner, '/api/communities/sca/scenarios', { name: 'mover', edits: [{ op: 'update', id: 'b1', props: { floors: 19 } }] })).json();
    expect((await as.planner.fetch(`/api/scenarios/${other.id}/apply`, { method: 'POST' })).status).toBe(200);
    const n = await auditCount();
    const before = await scenarios();
    expect((await as.planner.fetch(`/api/scenarios/${s.id}/apply`, { method: 'POST' })).status).toBe(409);
    expect((await send(as.planner, `/api/scenarios/${s.id}`, { edits: [{ op: 'delete', id: 'no-such-feature' }] }, 'PUT')).status).toBe(400);
    expect((await as.admin.fetch('/api/scenarios/sc-none', { method: 'DELETE' })).status).toBe(404);
    expect(await auditCount()).toBe(n);
    expect(await scenarios()).toEqual(before);
  });
});

describe('when the audit row cannot be written, the scenario write is not stored', () => {
  test('an audit_log insert that fails rolls the write back, for every scenario write', async () => {
    const s = await (await send(as.planner, '/api/communities/sca/scenarios', { name: 'kept', edits: [] })).json();
    // a test-only trigger refuses scenario audit rows, as a full disk or a lost lock would
    await db.sql.unsafe(`
      CREATE OR REPLACE FUNCTION test_refuse_scenario_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action LIKE 'scenario.%' THEN RAISE EXCEPTION 'audit write refused (test)'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_scenario_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_scenario_audit();`);
    try {
      const n = await auditCount();
      const before = await scenarios();
      const communityBefore = await communityState(db.sql, 'sca');
      const attempts: [string, () => Promise<Response>][] = [
        ['create', () => send(as.planner, '/api/communities/sca/scenarios', { name: 'lost', edits: [] })],
        ['update', () => send(as.planner, `/api/scenarios/${s.id}`, { name: 'renamed' }, 'PUT')],
        ['duplicate', () => send(as.planner, `/api/scenarios/${s.id}/duplicate`, {})],
        ['delete', () => as.admin.fetch(`/api/scenarios/${s.id}`, { method: 'DELETE' })],
        ['apply', () => as.planner.fetch(`/api/scenarios/${s.id}/apply`, { method: 'POST' })],
        ['suggest', () => send(as.planner, '/api/communities/sca/suggest?tier=basic', {})],
      ];
      const statuses: Record<string, number> = {};
      for (const [name, attempt] of attempts) statuses[name] = (await attempt()).status;
      expect(statuses).toEqual({ create: 500, update: 500, duplicate: 500, delete: 500, apply: 500, suggest: 500 });
      expect(await scenarios()).toEqual(before);
      expect(await communityState(db.sql, 'sca')).toBe(communityBefore);
      expect(await auditCount()).toBe(n);
    } finally {
      await db.sql.unsafe('DROP TRIGGER test_refuse_scenario_audit ON audit_log; DROP FUNCTION test_refuse_scenario_audit()');
    }
    expect(await verifyChain(db.sql)).toMatchObject({ ok: true });
  });
});
