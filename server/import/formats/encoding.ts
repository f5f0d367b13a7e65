import iconv from 'iconv-lite';

/**
 * Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, otherwise GBK
 * (GB18030 decoder, a superset) — Chinese Excel and ArcGIS save CSV and .dbf in GBK.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

export interface DecodedText { text: string; encoding: TextEncodingName; bom: boolean }

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode, honouring a BOM; `declared` (from a .cpg, say) wins when it is a known label. */
export function decodeText(bytes: Uint8Array, declared?: TextEncodingName): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  const encoding = declared ?? (isUtf8(bytes) ? 'utf-8' : 'gbk');
  const text = encoding === 'gbk' ? iconv.decode(bytes, 'gb18030') : new TextDecoder(encoding).decode(bytes);
  return { text, encoding, bom: false };
}

/** An encoding label as found in a .cpg file or a zip flag, or null when unknown. */
export function encodingFromLabel(label: string): TextEncodingName | null {
  const l = label.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (['utf8', '65001'].includes(l)) return 'utf-8';
  if (['gbk', 'cp936', '936', 'ansi936', 'gb2312', 'gb18030', 'windows936', 'ms936', '54936', 'euccn'].includes(l)) return 'gbk';
  return null;
}
