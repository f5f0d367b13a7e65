/**
 * Unzip into memory, refusing archives that are not what they claim: more than
 * `maxEntries` entries, a declared uncompressed total above `maxTotalBytes` (checked from
 * the central directory before anything is inflated; yauzl then stops any entry that
 * inflates to more than it declared), encrypted entries, and names that leave the archive
 * (`../`, absolute paths, drive letters). Entry names are UTF-8 when flagged, else UTF-8
 * when valid, else GBK (Windows zip tools in China).
 */
import yauzl from 'yauzl';
import { decodeText } from './encoding.ts';
import { ImportFormatError } from './types.ts';

export interface ZipLimits { maxEntries: number; maxTotalBytes: number }
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 200 * 1024 * 1024 };

/** Why an entry name is unsafe, or null. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL character';
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return 'is an absolute path';
  if (n.split('/').includes('..')) return 'points outside the archive (../ path traversal)';
  return null;
}

/** Files of the archive by name (directories and __MACOSX metadata left out). */
export async function unzip(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new ImportFormatError(`not a readable zip archive: ${(err as Error).message}`, { format: 'zip' });
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ImportFormatError(`the zip archive has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`, { format: 'zip', entries: zip.entryCount, limit: limits.maxEntries }, 413, 'file_too_large');
    }
    const entries: { entry: yauzl.Entry; name: string }[] = [];
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = (entry.generalPurposeBitFlag & 0x800) ? raw.toString('utf8') : decodeText(raw).text;
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw new ImportFormatError(`zip entry ${JSON.stringify(name)} ${unsafe}; the archive was refused`, { format: 'zip', entry: name });
      if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
      if (entry.isEncrypted()) throw new ImportFormatError(`zip entry ${JSON.stringify(name)} is encrypted`, { format: 'zip', entry: name });
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        throw new ImportFormatError(`the zip archive unpacks to more than the limit of ${limits.maxTotalBytes} bytes (zip bomb?); refused before unpacking`,
          { format: 'zip', declaredBytes: declaredTotal, limit: limits.maxTotalBytes }, 413, 'file_too_large');
      }
      entries.push({ entry, name });
    }
    const files = new Map<string, Buffer>();
    for (const { entry, name } of entries) {
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      } catch (err) {
        throw new ImportFormatError(`zip entry ${JSON.stringify(name)} is damaged or not what its header declares: ${(err as Error).message}`, { format: 'zip', entry: name });
      }
      files.set(name.replace(/\\/g, '/'), Buffer.concat(chunks));
    }
    return files;
  } finally {
    zip.close();
  }
}
