import { describe, expect, test } from 'vitest';
import { buildTwin } from '../../engine/twin/model.ts';
import type { Measure } from '../../engine/measures/types.ts';
import { measure as coverage } from '../../engine/measures/video-coverage.ts';
import { measure as online } from '../../engine/measures/video-online.ts';
import { measure as intact } from '../../engine/measures/video-intact.ts';
import { measure as imageOut } from '../../engine/measures/video-imageout.ts';
import { measure as compliance } from '../../engine/measures/video-compliance.ts';
import { contextOf, expectedOutput, fixtureCases, roundNumbers, violations } from '../fixture-runner.ts';

const measures: Measure[] = [coverage, online, intact, imageOut, compliance];

for (const m of measures) {
  describe(`${m.id} fixtures`, () => {
    const cases = fixtureCases(m.id);
    test('has fixtures', () => expect(cases.length).toBeGreaterThan(0));
    test.each(cases)('$name', (c) => {
      const r = m.run(buildTwin(c.file), contextOf(c));
      expect(violations(c, r)).toEqual([]);
      expect(roundNumbers(r)).toEqual(expectedOutput(c, r));
    });
  });
}
