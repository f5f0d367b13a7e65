/**
 * 15-minute walk isochrone (1 000 m at 4 km/h): engine multi-source Dijkstra + reached stretches vs
 * pgr_withPointsDD on exactly the same graph (the engine's noded network loaded as a table; the sources as
 * points on edges), on the large community's paths and on a generated 50 km² street network. Same answer =
 * the same set of reached vertices (vertices within 1 µm of the limit are not counted as a difference).
 */
import { anchorPoint } from '../../engine/graph/anchor.ts';
import { multiSourceDijkstra, type PointSource } from '../../engine/graph/dijkstra.ts';
import { reachedIntervals, reachedStretches } from '../../engine/graph/isochrone.ts';
import { buildWalkNetwork, type WalkNetwork } from '../../engine/graph/network.ts';
import { snapToNetwork } from '../../engine/graph/snap.ts';
import type { LocalProjection } from '../../engine/geo/projection.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import type { Position } from 'geojson';
import { largeCommunity } from '../large-community.ts';
import { timeAsync, timeSync } from '../lib/machine.ts';
import * as pg from '../lib/postgis.ts';
import type { Row } from '../lib/table.ts';
import { streetNetwork } from '../street-network.ts';

const LIMIT_M = 1000;

interface Case { name: string; lines: Position[][]; sources: Position[]; proj: LocalProjection }

function cases(): Case[] {
  const twin = buildTwin(largeCommunity());
  const streets = streetNetwork();
  const p = streets.projection;
  return [
    {
      name: 'large community paths (5 km), 1 sports venue', proj: twin.projection,
      lines: twin.features.path.map((f) => f.geometry.coordinates),
      sources: twin.features.venue.filter((v) => v.properties.type === 'sports').map((v) => anchorPoint(v.geometry)),
    },
    {
      name: `generated 50 km² streets (${streets.lines.length} pieces), 3 venues`, proj: p, lines: streets.lines,
      sources: [[0, 0], [-1500, 900], [2100, -1700]].map((xy) => p.inverse(xy as [number, number])),
    },
  ];
}

function engineIsochrone(net: WalkNetwork, sources: PointSource[]) {
  const dist = multiSourceDijkstra(net, sources, LIMIT_M);
  reachedStretches(net, reachedIntervals(net, dist, LIMIT_M));
  return dist;
}

export async function isochroneSection(runs: number, scratch: pg.Scratch | null): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of cases()) {
    const build = timeSync(() => buildWalkNetwork(c.lines, c.proj), Math.max(1, Math.min(runs, 3)));
    const net = build.out;
    // sources start on the network at cost 0: pgr_withPointsDD has no initial cost per point
    const sources: PointSource[] = c.sources.flatMap((ll, label) => {
      const snap = snapToNetwork(net, c.proj.forward(ll));
      return snap ? [{ snap, costM: 0, label }] : [];
    });
    const iso = timeSync(() => engineIsochrone(net, sources), Math.max(20, runs * 4), 5);
    const reached = new Set<number>();
    const nearLimit = new Set<number>();
    iso.out.dist.forEach((d, v) => { if (d <= LIMIT_M) reached.add(v); if (Math.abs(d - LIMIT_M) < 1e-6) nearLimit.add(v); });
    let note = `${net.vertices.length} vertices, ${net.edges.length} edges; reached ${reached.size}; network build (noding) ${build.ms.toFixed(0)} ms`;
    let anchor: number | null = null, same: boolean | null = null;
    if (scratch) {
      await pg.loadGraph(scratch.sql,
        net.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, cost: e.lengthM })),
        sources.map((s, i) => ({ pid: i + 1, edgeId: s.snap.edge, fraction: s.snap.fraction })));
      const dd = await timeAsync(() => pg.withPointsDD(scratch.sql, scratch.schema, LIMIT_M), runs);
      anchor = dd.ms;
      const onlyOurs = [...reached].filter((v) => !dd.out.has(v) && !nearLimit.has(v));
      const onlyTheirs = [...dd.out].filter((v) => !reached.has(v) && !nearLimit.has(v));
      same = onlyOurs.length === 0 && onlyTheirs.length === 0;
      note += `; pgRouting reached ${dd.out.size}: ${same ? 'same vertex set' : `DIFFERENT (${onlyOurs.length} only ours, ${onlyTheirs.length} only pgRouting)`}`;
    } else note += '; skipped: no DATABASE_URL';
    rows.push({
      section: 'isochrone 1 000 m', figure: c.name, ours: iso.ms, anchor: { name: 'pgr_withPointsDD, same graph', value: anchor },
      target: '≥ 5× faster, same reached set', met: anchor === null ? null : anchor / iso.ms >= 5 && same === true, note,
    });
  }
  return rows;
}
