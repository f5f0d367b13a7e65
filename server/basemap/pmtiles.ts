/**
 * A PMTiles v3 writer for small archives (one root directory, no leaf directories): 127-byte
 * header, gzip'd root directory, gzip'd JSON metadata, then the tiles in tile-id order
 * (clustered). Identical tiles are stored once. Spec: the PMTiles v3 specification
 * (protomaps/PMTiles spec/v3/spec.md); read back with the `pmtiles` package.
 */
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { zxyToTileId } from 'pmtiles';

export const HEADER_BYTES = 127;
/** header + root directory must fit in the first 16 KiB, which readers fetch in one go */
const FIRST_FETCH = 16_384;

export interface PmtilesTile { z: number; x: number; y: number; data: Uint8Array }

export interface PmtilesOptions {
  /** [w, s, e, n] */
  bounds: [number, number, number, number];
  center: [number, number, number];
  minZoom: number;
  maxZoom: number;
  metadata: Record<string, unknown>;
  /** tile payloads are gzip'd already (tile compression 2) or not (1) */
  tileCompression: 'gzip' | 'none';
}

function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
}

interface Entry { tileId: number; offset: number; length: number; runLength: number }

/** Directory bytes (uncompressed): count, delta tile ids, run lengths, lengths, offsets (0 = contiguous). */
export function serializeDirectory(entries: Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) { writeVarint(out, e.tileId - last); last = e.tileId; }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

const e7 = (deg: number) => Math.round(deg * 1e7);

export function writePmtiles(tiles: PmtilesTile[], options: PmtilesOptions): Buffer {
  const sorted = tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].tileId === sorted[i - 1].tileId) throw new Error(`tile ${sorted[i].z}/${sorted[i].x}/${sorted[i].y} given twice`);
  const entries: Entry[] = [];
  const blobs: Uint8Array[] = [];
  const byHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const t of sorted) {
    const hash = createHash('sha256').update(t.data).digest('hex');
    let at = byHash.get(hash);
    if (!at) {
      at = { offset: dataLength, length: t.data.length };
      byHash.set(hash, at);
      blobs.push(t.data);
      dataLength += t.data.length;
    }
    const prev = entries[entries.length - 1];
    // a run: the next tile id with the same content
    if (prev && prev.tileId + prev.runLength === t.tileId && prev.offset === at.offset) prev.runLength++;
    else entries.push({ tileId: t.tileId, offset: at.offset, length: at.length, runLength: 1 });
  }
  const root = gzipSync(serializeDirectory(entries), { level: 9 });
  if (HEADER_BYTES + root.length > FIRST_FETCH) throw new Error(`root directory of ${root.length} bytes does not fit in 16 KiB: this writer makes no leaf directories`);
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata)), { level: 9 });

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const dataOffset = metadataOffset + metadata.length;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at);
  u64(rootOffset, 8); u64(root.length, 16);
  u64(metadataOffset, 24); u64(metadata.length, 32);
  u64(dataOffset, 40); u64(0, 48); // no leaf directories
  u64(dataOffset, 56); u64(dataLength, 64);
  u64(sorted.length, 72); u64(entries.length, 80); u64(byHash.size, 88);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(2, 97); // internal compression: gzip
  header.writeUInt8(options.tileCompression === 'gzip' ? 2 : 1, 98);
  header.writeUInt8(1, 99); // tile type: MVT
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  const [w, s, e, n] = options.bounds;
  header.writeInt32LE(e7(w), 102); header.writeInt32LE(e7(s), 106);
  header.writeInt32LE(e7(e), 110); header.writeInt32LE(e7(n), 114);
  header.writeUInt8(options.center[2], 118);
  header.writeInt32LE(e7(options.center[0]), 119); header.writeInt32LE(e7(options.center[1]), 123);
  return Buffer.concat([header, root, metadata, ...blobs]);
}
