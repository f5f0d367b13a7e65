/** Fixture suite for one measure: every test/fixtures/<id>/*.in.geojson, run with the measure's defaults ⊕ the fixture's params. */
import { describe, expect, test } from 'vitest';
import { buildTwin } from '../../engine/twin/model.ts';
import type { Measure } from '../../engine/measures/types.ts';
import { contextOf, expectedOutput, fixtureCases, roundNumbers, violations } from '../fixture-runner.ts';

export function measureFixtures(m: Measure): void {
  describe(`${m.id} fixtures`, () => {
    const cases = fixtureCases(m.id);
    test('has fixtures', () => expect(cases.length).toBeGreaterThan(1));
    test.each(cases)('$name', (c) => {
      const ctx = contextOf(c);
      const r = m.run(buildTwin(c.file), { ...ctx, params: { ...m.defaults, ...ctx.params } });
      expect(violations(c, r)).toEqual([]);
      expect(r.id).toBe(m.id);
      expect(r.unit).toBe(m.unit);
      if (r.pass === false) expect(r.reason, 'a failing check says why').toBeTruthy();
      expect(roundNumbers(r)).toEqual(expectedOutput(c, r));
    });
  });
}
