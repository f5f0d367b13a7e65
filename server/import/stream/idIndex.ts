/**
 * The ids seen so far and the first feature that used each, in typed arrays instead of a
 * Map<string, number> (≈ 100 bytes an entry): an open-addressing table of 32-bit hashes and
 * feature indexes, the ids' UTF-8 bytes appended to one buffer for the exact comparison on
 * a hash match. About 16 bytes plus the id's length per entry, so a million ids of a
 * streamed import stay near 30 MB.
 */
export class IdIndex {
  private slots: Int32Array; // entry number + 1, 0 = empty
  private hashes = new Int32Array(1024);
  private firstIndex = new Int32Array(1024);
  private offsets = new Int32Array(1025);
  private bytes = Buffer.alloc(16 * 1024);
  private used = 0;
  size = 0;

  constructor() { this.slots = new Int32Array(2048); }

  private static hash(b: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    return h;
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    const copy = <T extends Int32Array>(a: T, length: number) => { const out = new Int32Array(length); out.set(a); return out as T; };
    this.hashes = copy(this.hashes, n);
    this.firstIndex = copy(this.firstIndex, n);
    this.offsets = copy(this.offsets, n + 1);
    this.slots = new Int32Array(n * 2);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let s = this.hashes[e] & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = e + 1;
    }
  }

  /** Record `id` for feature `index`; returns the index of the feature that used it first, or -1 when it is new. */
  add(id: string, index: number): number {
    const need = Buffer.byteLength(id);
    if (this.used + need > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const start = this.used;
    const end = start + this.bytes.write(id, start, 'utf8');
    const h = IdIndex.hash(this.bytes, start, end);
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (let e = this.slots[s]; e !== 0; s = (s + 1) & mask, e = this.slots[s]) {
      const k = e - 1;
      if (this.hashes[k] === h && this.offsets[k + 1] - this.offsets[k] === end - start
        && this.bytes.compare(this.bytes, start, end, this.offsets[k], this.offsets[k + 1]) === 0) return this.firstIndex[k];
    }
    if (this.size + 1 > this.hashes.length) { this.grow(); return this.add(id, index); }
    const k = this.size++;
    this.hashes[k] = h;
    this.firstIndex[k] = index;
    this.offsets[k + 1] = end;
    this.used = end;
    this.slots[s] = k + 1;
    return -1;
  }

  has(id: string): boolean {
    const b = Buffer.from(id, 'utf8');
    const h = IdIndex.hash(b, 0, b.length);
    const mask = this.slots.length - 1;
    for (let s = h & mask, e = this.slots[s]; e !== 0; s = (s + 1) & mask, e = this.slots[s]) {
      const k = e - 1;
      if (this.hashes[k] === h && this.bytes.compare(b, 0, b.length, this.offsets[k], this.offsets[k + 1]) === 0) return true;
    }
    return false;
  }
}
