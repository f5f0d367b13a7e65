/**
 * Device telemetry: a batch of camera states, applied all or nothing. Every community whose
 * cameras changed gets a new version (its attestations carried over) and one stored event;
 * the caller publishes the events after the commit.
 */
import type { JSONValue, Sql, TransactionSql } from 'postgres';
import type { CommunityEvent, DeviceChange, EventPayload } from '../events/bus.ts';
import { badRequest } from '../errors.ts';

export interface TelemetryItem {
  featureId: string;
  communityId?: string;
  online: boolean;
  intact: boolean;
  imageOut: boolean;
  /** the device's report time, ISO 8601 */
  at: string;
}

export interface TelemetryResult {
  accepted: number;
  /** reports older than the device's latest stored report: ignored */
  stale: number;
  /** reports that changed a camera's state */
  changed: number;
  communities: { id: string; version: number; eventId: number }[];
  events: CommunityEvent[];
}

interface FeatureRow { community_id: string; id: string; kind: string; name: string | null }
interface ResolvedItem extends TelemetryItem { communityId: string; name: string | null }

/** Find each item's camera; every unknown, ambiguous or non-camera id is named in one 400. */
async function resolveItems(sql: Sql, items: TelemetryItem[]): Promise<ResolvedItem[]> {
  const ids = [...new Set(items.map((i) => i.featureId))];
  const rows = await sql<FeatureRow[]>`
    SELECT community_id, id, kind, props ->> 'name' AS name FROM feature WHERE id IN ${sql(ids)}`;
  const byId = new Map<string, FeatureRow[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const unknown: string[] = [], ambiguous: { featureId: string; communities: string[] }[] = [], notCamera: { featureId: string; kind: string }[] = [];
  const resolved: ResolvedItem[] = [];
  items.forEach((item) => {
    const candidates = (byId.get(item.featureId) ?? []).filter((r) => item.communityId === undefined || r.community_id === item.communityId);
    const label = item.communityId === undefined ? item.featureId : `${item.communityId}/${item.featureId}`;
    if (candidates.length === 0) { if (!unknown.includes(label)) unknown.push(label); return; }
    if (candidates.length > 1) { ambiguous.push({ featureId: item.featureId, communities: candidates.map((c) => c.community_id) }); return; }
    const [feature] = candidates;
    if (feature.kind !== 'camera') { notCamera.push({ featureId: label, kind: feature.kind }); return; }
    resolved.push({ ...item, communityId: feature.community_id, name: feature.name });
  });
  if (unknown.length > 0) throw badRequest(`unknown feature ${unknown.join(', ')}; nothing was applied`, { unknown });
  if (ambiguous.length > 0) {
    throw badRequest(`feature ${ambiguous.map((a) => a.featureId).join(', ')} exists in several communities; give communityId; nothing was applied`, { ambiguous });
  }
  if (notCamera.length > 0) {
    throw badRequest(`feature ${notCamera.map((n) => `${n.featureId} (${n.kind})`).join(', ')} is not a camera; nothing was applied`, { notCamera });
  }
  return resolved;
}

const key = (communityId: string, featureId: string) => `${communityId}\u0000${featureId}`;
/** the engine counts a camera lacking a status field as false (video-online) */
const flag = (v: boolean | null) => v === true;

export async function applyTelemetry(sql: Sql, items: TelemetryItem[]): Promise<TelemetryResult> {
  const resolved = (await resolveItems(sql, items)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const communityIds = [...new Set(resolved.map((i) => i.communityId))].sort();
  return sql.begin(async (tx) => {
    const locked = await tx<{ id: string; version: number }[]>`
      SELECT id, version FROM community WHERE id IN ${tx(communityIds)} ORDER BY id FOR UPDATE`;
    const versions = new Map(locked.map((c) => [c.id, c.version]));
    const pairs = resolved.map((i) => ({ community_id: i.communityId, feature_id: i.featureId }));
    const current = await tx<{ community_id: string; id: string; online: boolean | null; intact: boolean | null; image_out: boolean | null; at: Date | null }[]>`
      SELECT f.community_id, f.id, (f.props ->> 'online')::boolean AS online, (f.props ->> 'intact')::boolean AS intact,
             (f.props ->> 'imageOut')::boolean AS image_out, d.at
      FROM jsonb_to_recordset(${json(tx, pairs)}::jsonb) AS p(community_id text, feature_id text)
      JOIN feature f ON f.community_id = p.community_id AND f.id = p.feature_id
      LEFT JOIN device_report d ON d.community_id = f.community_id AND d.feature_id = f.id`;
    const state = new Map(current.map((r) => [key(r.community_id, r.id), { online: r.online, intact: r.intact, imageOut: r.image_out, at: r.at?.getTime() ?? -Infinity }]));

    let stale = 0;
    const changesByCommunity = new Map<string, DeviceChange[]>();
    const latest = new Map<string, { communityId: string; featureId: string; at: string; online: boolean; intact: boolean; imageOut: boolean }>();
    for (const item of resolved) {
      const k = key(item.communityId, item.featureId);
      const s = state.get(k)!;
      const at = Date.parse(item.at);
      if (at < s.at) { stale++; continue; }
      const before = { online: s.online, intact: s.intact, imageOut: s.imageOut };
      if (flag(s.online) !== item.online || flag(s.intact) !== item.intact || flag(s.imageOut) !== item.imageOut) {
        const change: DeviceChange = { featureId: item.featureId, name: item.name, online: item.online, intact: item.intact, imageOut: item.imageOut, at: new Date(at).toISOString(), before };
        changesByCommunity.set(item.communityId, [...(changesByCommunity.get(item.communityId) ?? []), change]);
      }
      state.set(k, { online: item.online, intact: item.intact, imageOut: item.imageOut, at });
      latest.set(k, { communityId: item.communityId, featureId: item.featureId, at: new Date(at).toISOString(), online: item.online, intact: item.intact, imageOut: item.imageOut });
    }

    const updates = [...latest.values()].map((u) => ({ community_id: u.communityId, feature_id: u.featureId, online: u.online, intact: u.intact, image_out: u.imageOut, at: u.at }));
    if (updates.length > 0) {
      await tx`
        UPDATE feature f SET props = f.props || jsonb_build_object('online', u.online, 'intact', u.intact, 'imageOut', u.image_out)
        FROM jsonb_to_recordset(${json(tx, updates)}::jsonb) AS u(community_id text, feature_id text, online boolean, intact boolean, image_out boolean, at timestamptz)
        WHERE f.community_id = u.community_id AND f.id = u.feature_id`;
      await tx`
        INSERT INTO device_report (community_id, feature_id, at)
        SELECT u.community_id, u.feature_id, u.at
        FROM jsonb_to_recordset(${json(tx, updates)}::jsonb) AS u(community_id text, feature_id text, at timestamptz)
        ON CONFLICT (community_id, feature_id) DO UPDATE SET at = excluded.at`;
    }

    const events: CommunityEvent[] = [];
    for (const [communityId, changes] of changesByCommunity) {
      const version = await bumpVersion(tx, communityId, versions.get(communityId)!);
      events.push(await insertEvent(tx, communityId, version, { kind: 'telemetry', changes }));
    }
    return {
      accepted: resolved.length - stale, stale, changed: [...changesByCommunity.values()].reduce((n, c) => n + c.length, 0),
      communities: events.map((e) => ({ id: e.communityId, version: e.version, eventId: e.id })), events,
    };
  });
}

const json = (tx: TransactionSql | Sql, value: unknown) => tx.json(value as JSONValue);

/** A new community version with the same twin: the current attestations are carried over to it. */
async function bumpVersion(tx: TransactionSql, communityId: string, version: number): Promise<number> {
  const [row] = await tx<{ version: number }[]>`
    UPDATE community SET version = version + 1, updated_at = now() WHERE id = ${communityId} RETURNING version`;
  await tx`
    INSERT INTO attestation (community_id, community_version, seq, check_id, version, pass, text, evidence_ref, by, at, members, recorded_at)
    SELECT community_id, ${row.version}::int, seq, check_id, version, pass, text, evidence_ref, by, at, members, recorded_at
    FROM attestation WHERE community_id = ${communityId} AND community_version = ${version}::int
    ORDER BY seq`;
  return row.version;
}

interface EventRow { id: string; community_id: string; community_version: number; kind: string; payload: EventPayload; recorded_at: Date }
const toEvent = (r: EventRow): CommunityEvent => ({
  ...r.payload, id: Number(r.id), communityId: r.community_id, version: r.community_version, recordedAt: r.recorded_at.toISOString(),
});

async function insertEvent(tx: TransactionSql | Sql, communityId: string, version: number, payload: EventPayload): Promise<CommunityEvent> {
  const [row] = await tx<EventRow[]>`
    INSERT INTO community_event (community_id, community_version, kind, payload)
    VALUES (${communityId}, ${version}::int, ${payload.kind}, ${json(tx, payload)}::jsonb)
    RETURNING id, community_id, community_version, kind, payload, recorded_at`;
  return toEvent(row);
}

/** Record that a community's version moved by means other than telemetry (import, edit). */
export async function recordEdit(sql: Sql, communityId: string, version: number, previousVersion: number | null, name: string): Promise<CommunityEvent | null> {
  const [seen] = await sql`SELECT 1 FROM community_event WHERE community_id = ${communityId} AND community_version = ${version}::int`;
  if (seen) return null;
  return insertEvent(sql, communityId, version, { kind: 'edit', previousVersion, name });
}

/** Events after `afterId` (oldest first), of one community or all; for Last-Event-ID resume. */
export async function eventsSince(sql: Sql, afterId: number, communityId: string | null, limit = 500): Promise<CommunityEvent[]> {
  const rows = await sql<EventRow[]>`
    SELECT id, community_id, community_version, kind, payload, recorded_at FROM community_event
    WHERE id > ${afterId} ${communityId === null ? sql`` : sql`AND community_id = ${communityId}`}
    ORDER BY id LIMIT ${limit}`;
  return rows.map(toEvent);
}

/** The latest `limit` events (oldest first), for a ticker that has just opened. */
export async function recentEvents(sql: Sql, communityId: string | null, limit: number): Promise<CommunityEvent[]> {
  const rows = await sql<EventRow[]>`
    SELECT * FROM (
      SELECT id, community_id, community_version, kind, payload, recorded_at FROM community_event
      ${communityId === null ? sql`` : sql`WHERE community_id = ${communityId}`}
      ORDER BY id DESC LIMIT ${limit}) e
    ORDER BY id`;
  return rows.map(toEvent);
}

export async function communityVersions(sql: Sql): Promise<{ id: string; name: string; version: number }[]> {
  return sql<{ id: string; name: string; version: number }[]>`SELECT id, name, version FROM community ORDER BY id`;
}
