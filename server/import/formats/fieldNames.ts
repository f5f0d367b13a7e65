/**
 * Shapefile field names are at most 10 bytes (dBASE III). Twin attributes longer than that
 * are written under these short names by the shapefile export (server/export/shp.ts), and
 * the importer reads the short names back as the twin attributes (attributes.ts), so a
 * zipped shapefile round-trips. Names of 10 characters or fewer are written as they are.
 * Any other long name (an attribute the twin does not know) is cut to 8 characters plus a
 * number that keeps it unique within the layer (`unknownPro`, `unknownP_1`) — that one does
 * not come back under its old name.
 *
 * | twin attribute            | .dbf field |
 * |---------------------------|------------|
 * | mountHeightM              | mountHgtM  |
 * | beamwidthDeg              | beamwDeg   |
 * | liftCovered               | liftCover  |
 * | garageCovered             | garageCov  |
 * | floorHeightM              | floorHgtM  |
 * | fibreHouseholds           | fibreHh    |
 * | tvHouseholds              | tvHh       |
 * | energyMeters              | energyMtr  |
 * | agedPopulation            | agedPop    |
 * | elderlyServices           | elderlySvc |
 * | agedAloneWithAlarm        | agedAlarm  |
 * | agedAloneWithSmartDevice  | agedSmart  |
 * | timedCharging             | timedChg   |
 * | autoPowerOff              | autoOff    |
 * | provincialPlatform        | provPlat   |
 * | smartFitness              | smartFit   |
 */
export const SHP_FIELD_NAMES: Readonly<Record<string, string>> = {
  mountHeightM: 'mountHgtM', beamwidthDeg: 'beamwDeg', liftCovered: 'liftCover', garageCovered: 'garageCov',
  floorHeightM: 'floorHgtM', fibreHouseholds: 'fibreHh', tvHouseholds: 'tvHh', energyMeters: 'energyMtr',
  agedPopulation: 'agedPop', elderlyServices: 'elderlySvc', agedAloneWithAlarm: 'agedAlarm',
  agedAloneWithSmartDevice: 'agedSmart', timedCharging: 'timedChg', autoPowerOff: 'autoOff',
  provincialPlatform: 'provPlat', smartFitness: 'smartFit',
};

/** The twin attribute a short .dbf field name stands for (the table above, reversed). */
export const SHP_FIELD_ATTRIBUTES: ReadonlyMap<string, string> = new Map(Object.entries(SHP_FIELD_NAMES).map(([attr, field]) => [field, attr]));

/** Field names for a layer's attributes, in order: ≤ 10 bytes, unique (case-insensitively, as dBASE compares). */
export function shpFieldNames(attributes: readonly string[]): string[] {
  const used = new Set<string>();
  return attributes.map((attr) => {
    let name = SHP_FIELD_NAMES[attr] ?? attr;
    if (Buffer.byteLength(name) > 10 || used.has(name.toLowerCase())) {
      const base = cut(attr, 8);
      name = cut(attr, 10);
      for (let n = 1; used.has(name.toLowerCase()) || Buffer.byteLength(name) > 10; n++) name = `${base}_${n}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** The longest prefix of `text` that fits in `bytes` UTF-8 bytes. */
function cut(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) { if (Buffer.byteLength(out + ch) > bytes) break; out += ch; }
  return out;
}
