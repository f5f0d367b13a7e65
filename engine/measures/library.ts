/**
 * library — smart reading facilities inside the community (venues whose point lies in the
 * community polygon).
 * rule `growth`: at least one venue of a type in `bookTypes` (book corner / smart book
 * cabinet) or a smart library.
 * rule `benchmark`: population < `populationSplit` → one of those;
 * ≥ split → one smart library (`smartLibrary`, or `library` with smart = true) or
 * `minCabinetsLarge` smart book cabinets. Unknown population fails with the reason.
 * value: 1 when met, 0 otherwise (unit bool).
 */
import type { Feature, Geometry } from 'geojson';
import { featurePointXY, pointInPolygonXY, polygonsXY } from './compounds.ts';
import { gapsOf, result } from './result.ts';
import type { Measure } from './types.ts';

const method = 'growth: ≥ 1 book corner or smart book cabinet; benchmark: population < 2000 → 1, ≥ 2000 → 1 smart library or 2 smart book cabinets';

export const measure: Measure = {
  id: 'library', unit: 'bool', method,
  defaults: { rule: 'growth', populationSplit: 2000, bookTypes: 'bookCorner,smartBookCabinet', minCabinetsLarge: 2 },
  run(twin, ctx) {
    const area = polygonsXY(twin, twin.community.geometry);
    const venues = twin.features.venue.filter((v) => { const p = featurePointXY(twin, v); return p !== null && pointInPolygonXY(p, area); });
    const bookTypes = new Set(String(ctx.params.bookTypes).split(',').map((s) => s.trim()));
    const isSmartLibrary = (v: (typeof venues)[number]) => v.properties.type === 'smartLibrary' || (v.properties.type === 'library' && v.properties.smart === true);
    const corners = venues.filter((v) => bookTypes.has(v.properties.type));
    const cabinets = venues.filter((v) => v.properties.type === 'smartBookCabinet');
    const libraries = venues.filter(isSmartLibrary);
    const population = twin.community.properties.population;
    const counts: Record<string, number> = {
      venuesInside: venues.length, bookCornersOrCabinets: corners.length, smartBookCabinets: cabinets.length, smartLibraries: libraries.length,
    };
    if (typeof population === 'number') counts.population = population;
    const outline = (): Feature<Geometry, Record<string, unknown>>[] => [{ type: 'Feature', geometry: twin.community.geometry, properties: { id: twin.community.properties.id } }];
    let pass: boolean, reason: string | undefined;
    if (ctx.params.rule !== 'growth' && ctx.params.rule !== 'benchmark') throw new Error(`library: unknown rule "${ctx.params.rule}" (growth | benchmark)`);
    if (ctx.params.rule === 'benchmark') {
      const split = Number(ctx.params.populationSplit);
      const minCabinets = Number(ctx.params.minCabinetsLarge);
      if (typeof population !== 'number') {
        pass = false; reason = 'community population unknown: the benchmark rule depends on it';
      } else if (population < split) {
        pass = corners.length + libraries.length >= 1;
        if (!pass) reason = `population ${population} < ${split}: needs 1 book corner or smart book cabinet, found none`;
      } else {
        pass = libraries.length >= 1 || cabinets.length >= minCabinets;
        if (!pass) reason = `population ${population} ≥ ${split}: needs 1 smart library or ${minCabinets} smart book cabinets, found ${libraries.length} and ${cabinets.length}`;
      }
    } else {
      pass = corners.length + libraries.length >= 1;
      if (!pass) reason = 'no book corner, smart book cabinet or smart library inside the community';
    }
    return result('library', 'bool', ctx, pass ? 1 : 0, {
      counts, failingIds: pass ? [] : [twin.community.properties.id], gaps: gapsOf(pass ? [] : outline()),
    }, { pass, method, ...(reason ? { reason } : {}) });
  },
};
