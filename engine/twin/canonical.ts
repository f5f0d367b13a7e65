/**
 * Canonical JSON and SHA-256, for `inputSha256` / `standardSha256` in the report.
 *
 * Canonical form of a value (the text that is hashed, UTF-8):
 * - objects: keys sorted by UTF-16 code unit order (JS default sort), no whitespace,
 *   members whose value is `undefined` dropped (as JSON.stringify does);
 * - numbers: as JSON.stringify writes them (shortest round-trip form; -0 → 0); NaN/±Infinity
 *   are not JSON and throw;
 * - strings, booleans, null: as JSON.stringify;
 * - arrays keep their order, except a FeatureCollection's `features`, which are sorted by
 *   `properties.id` (string compare), ties and id-less features by their own canonical text —
 *   so a twin hashes the same whatever order its features come in, while coordinates,
 *   attestations and every property keep their meaning-bearing order.
 *
 * SHA-256 is a small pure-TypeScript FIPS 180-4 implementation: synchronous, so the engine runs
 * unchanged in Node and in a browser worker (crypto.subtle is async only).
 */

export function canonicalJson(value: unknown): string {
  return write(value, false);
}

function write(value: unknown, sortFeatures: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON: ${value} is not a JSON number`);
      return String(value); // a finite number's toString is its JSON text (-0 → "0")
    case 'string': case 'boolean': return JSON.stringify(value);
    case 'object': break;
    default: throw new Error(`canonical JSON: cannot encode a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    // coordinates are most of a twin: a finite number's toString is its JSON text, so join them directly
    if (!sortFeatures && allFiniteNumbers(value)) return `[${value.join(',')}]`;
    const items = value.map((v) => (v === undefined ? 'null' : write(v, false)));
    if (sortFeatures) {
      const keyed = value.map((v, i) => ({ id: featureId(v), text: items[i] }));
      keyed.sort((a, b) => cmp(a.id ?? '\uffff', b.id ?? '\uffff') || cmp(a.text, b.text));
      return `[${keyed.map((k) => k.text).join(',')}]`;
    }
    return `[${items.join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const isCollection = obj.type === 'FeatureCollection';
  let out = '{';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quotedKey(k)}:${write(v, isCollection && k === 'features')}`;
  }
  return `${out}}`;
}

/** JSON.stringify of a member name, remembered: a twin repeats the same few dozen names thousands of times */
const quoted = new Map<string, string>();
function quotedKey(k: string): string {
  let q = quoted.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quoted.size < 10_000) quoted.set(k, q);
  }
  return q;
}

function allFiniteNumbers(xs: readonly unknown[]): boolean {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function featureId(f: unknown): string | null {
  const id = (f as { properties?: { id?: unknown } } | null)?.properties?.id;
  return id === undefined || id === null ? null : String(id);
}

/** SHA-256 of the canonical JSON of a value, lowercase hex. */
export function canonicalSha256(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of bytes (or of a string as UTF-8), lowercase hex. */
export function sha256Hex(input: string | Uint8Array): string {
  const data = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Int32Array(64);
  // int32 arithmetic on locals (no destructuring, no DataView reads in the loop)
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + 4 * i;
      w[i] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0] | 0, b = h[1] | 0, c = h[2] | 0, d = h[3] | 0, e = h[4] | 0, f = h[5] | 0, g = h[6] | 0, hh = h[7] | 0;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}
