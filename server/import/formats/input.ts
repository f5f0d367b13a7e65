/** A file given as bytes or as a stream, read into memory under a size limit. */
import type { Readable } from 'node:stream';
import { tooLarge } from './types.ts';

export type FileInput = Buffer | Uint8Array | Readable;

export async function readAll(input: FileInput, maxBytes: number, what = 'the file'): Promise<Buffer> {
  if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) throw tooLarge(what, input.byteLength, maxBytes);
    return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += b.byteLength;
    if (total > maxBytes) {
      input.destroy();
      throw tooLarge(what, total, maxBytes);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}
