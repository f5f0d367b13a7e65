/**
 * The audit log: each write appends its row in its own transaction, the chain verifies, the
 * database refuses UPDATE and DELETE (trigger on both modes; privileges revoked on a server),
 * and a tampered row is named by the verifier. Feature history over HTTP.
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
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const lastRows = async (n: number) => (await db.sql`SELECT * FROM audit_log ORDER BY id DESC LIMIT ${n}`).reverse();
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 8, 0, s)).toISOString();
const send = (c: Client, path: string, body: unknown, method = 'POST') => c.fetch(path, json(body, method));

describe('every write appends a chained row naming actor, action, target and state hashes', () => {
  test('import, attestation, telemetry, scenario create/apply, delete', async () => {
    expect((await send(as.planner, '/api/communities?id=aud', smallTwin('aud'))).status).toBe(201);
    let [row] = await lastRows(1);
    expect(row).toMatchObject({ actor: as.planner.name, action: 'import', target: 'community:aud', before_hash: null });
    expect(row.after_hash).toBe(await communityState(db.sql, 'aud'));
    expect(Object.keys(row.details.features).sort()).toEqual(['b1', 'b2', 'c1', 'cam1', 'k1', 'p1', 'aud', 'v1'].sort());

    const beforeAttest = await communityState(db.sql, 'aud');
    expect((await send(as.reviewer, '/api/communities/aud/attestations', { checkId: 'platform', pass: true, text: 'ok', by: 'r' })).status).toBe(201);
    [row] = await lastRows(1);
    expect(row).toMatchObject({ actor: as.reviewer.name, action: 'attestation.add', target: 'community:aud', before_hash: beforeAttest, details: { attestationRows: 1 } });
    expect(row.after_hash).toBe(await communityState(db.sql, 'aud'));

    const tel = await send(as.device, '/api/telemetry', [{ featureId: 'cam1', communityId: 'aud', online: false, intact: true, imageOut: true, at: at(1) }]);
    expect(tel.status).toBe(200);
    [row] = await lastRows(1);
    expect(row).toMatchObject({ actor: expect.stringMatching(/^device:platform-/), action: 'telemetry', target: 'community:aud' });
    expect(Object.keys(row.details.features)).toEqual(['cam1']);

    const created = await send(as.planner, '/api/communities/aud/scenarios', { name: 'more cameras', edits: [{ op: 'update', id: 'b2', props: { floors: 7 } }] });
    expect(created.status).toBe(201);
    const scenario = await created.json();
    [row] = await lastRows(1);
    expect(row).toMatchObject({ action: 'scenario.create', target: `scenario:${scenario.id}`, before_hash: null, details: { community: 'aud' } });
    expect(row.details.inTransaction).toBeUndefined();

    const applied = await as.planner.fetch(`/api/scenarios/${scenario.id}/apply`, { method: 'POST' });
    expect(applied.status).toBe(200);
    const applyRows = await db.sql`SELECT * FROM audit_log WHERE action = 'scenario.apply' ORDER BY id`;
    const onCommunity = applyRows.find((r) => r.target === 'community:aud')!;
    expect(Object.keys(onCommunity.details.features)).toContain('b2');
    expect(onCommunity.after_hash).toBe(await communityState(db.sql, 'aud'));

    const beforeDelete = (await db.sql`SELECT max(id) AS id FROM audit_log`)[0].id;
    expect((await as.admin.fetch('/api/communities/aud', { method: 'DELETE' })).status).toBe(204);
    const deleteRows = await db.sql`SELECT * FROM audit_log WHERE id > ${beforeDelete} ORDER BY id`;
    // the community, and the scenario the delete cascaded to
    expect(deleteRows.map((r) => r.target)).toEqual(['community:aud', `scenario:${scenario.id}`]);
    row = deleteRows[0];
    expect(deleteRows[1]).toMatchObject({ action: 'community.delete', after_hash: null });
    expect(row).toMatchObject({ actor: as.admin.name, action: 'community.delete', target: 'community:aud', after_hash: null });
    expect(row.details.inTransaction).toBeUndefined();

    expect(await verifyChain(db.sql)).toMatchObject({ ok: true });
  });

  test('a refused write appends nothing; state hashes link: each row\'s before is the previous after', async () => {
    const before = (await db.sql`SELECT count(*)::int AS n FROM audit_log`)[0].n;
    expect((await send(as.planner, '/api/communities', { type: 'FeatureCollection', features: [] })).status).toBe(400);
    expect((await send(as.viewer, '/api/communities', smallTwin('nope'))).status).toBe(403);
    expect((await db.sql`SELECT count(*)::int AS n FROM audit_log`)[0].n).toBe(before);

    await send(as.planner, '/api/communities?id=link', smallTwin('link'));
    await send(as.reviewer, '/api/communities/link/attestations', { checkId: 'platform', pass: false, text: 'no', by: 'r' });
    await send(as.device, '/api/telemetry', [{ featureId: 'cam1', communityId: 'link', online: false, intact: false, imageOut: true, at: at(2) }]);
    const rows = await db.sql`SELECT before_hash, after_hash FROM audit_log WHERE target = 'community:link' ORDER BY id`;
    expect(rows).toHaveLength(3);
    for (let i = 1; i < rows.length; i++) expect(rows[i].before_hash).toBe(rows[i - 1].after_hash);
  });

  test('the feature history route lists the changes of one feature', async () => {
    await send(as.planner, '/api/communities?id=hist', smallTwin('hist'));
    await send(as.device, '/api/telemetry', [{ featureId: 'cam1', communityId: 'hist', online: false, intact: true, imageOut: true, at: at(3) }]);
    await send(as.device, '/api/telemetry', [{ featureId: 'cam1', communityId: 'hist', online: true, intact: true, imageOut: true, at: at(4) }]);
    const res = await fetch(`${app.url}/api/communities/hist/features/cam1/history`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.entries.map((e: { action: string; change: string }) => `${e.action} ${e.change}`)).toEqual(['import added', 'telemetry changed', 'telemetry changed']);
    expect(body.entries[1].featureBeforeHash).toBe(body.entries[0].featureAfterHash);
    expect((await (await fetch(`${app.url}/api/communities/hist/features/b1/history`)).json()).entries).toHaveLength(1);
    expect((await fetch(`${app.url}/api/communities/none/features/x/history`)).status).toBe(404);
  });
});

describe('the database keeps the log append-only', () => {
  test('UPDATE, DELETE and TRUNCATE raise (the trigger)', async () => {
    await send(as.planner, '/api/communities?id=ro', smallTwin('ro'));
    await expect(db.sql`UPDATE audit_log SET actor = 'mallory'`).rejects.toThrow(/append-only/);
    await expect(db.sql`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(db.sql`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
  });

  test('UPDATE, DELETE and TRUNCATE privileges are revoked from the owning role and PUBLIC', async () => {
    const grants = await db.sql<{ grantee: string; privilege_type: string }[]>`
      SELECT grantee, privilege_type FROM information_schema.role_table_grants
      WHERE table_schema = current_schema() AND table_name = 'audit_log'`;
    expect(grants.filter((g) => ['UPDATE', 'DELETE', 'TRUNCATE'].includes(g.privilege_type))).toEqual([]);
    expect(grants.map((g) => g.privilege_type)).toContain('INSERT');
  });

  test('with the trigger disabled by a superuser, a tampered row is named by the verifier', async () => {
    await send(as.planner, '/api/communities?id=tamper', smallTwin('tamper'));
    await send(as.reviewer, '/api/communities/tamper/attestations', { checkId: 'platform', pass: true, text: 'ok', by: 'r' });
    expect((await verifyChain(db.sql)).ok).toBe(true);
    const [victim] = await db.sql`SELECT id FROM audit_log WHERE target = 'community:tamper' ORDER BY id LIMIT 1`;
    await db.sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${victim.id}`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    const report = await verifyChain(db.sql);
    expect(report).toMatchObject({ ok: false, broken: { id: Number(victim.id), reason: expect.stringMatching(/changed/) } });
    // and the admin endpoint says the same
    expect(await (await as.admin.fetch('/api/audit/verify')).json()).toMatchObject({ ok: false, broken: { id: Number(victim.id) } });
    // repair for the tests after this one is impossible by design: later rows stay broken
  });
});
