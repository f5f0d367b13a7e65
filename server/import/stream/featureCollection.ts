/**
 * A GeoJSON FeatureCollection read as a stream of features: a small byte-level scanner
 * walks the top-level object, hands each element of its `features` array to JSON.parse on
 * its own (so memory holds one feature, not the file), and parses the other top-level
 * members (`type`, `crs`, `attestations`, `name`, …) whole. A top-level Feature is yielded
 * as the only feature. Input must be UTF-8 (RFC 7946): its multi-byte sequences never
 * contain the ASCII bytes the scanner looks for; a feature that is not valid UTF-8 is an
 * error naming it. Errors name the feature index and the line, and say when the file ends
 * early (a truncated upload).
 *
 * @example
 * const scan = new FeatureCollectionScanner();
 * for await (const chunk of createReadStream(path)) for (const f of scan.push(chunk)) use(f.feature, f.index);
 * const { members } = scan.end();
 */
import { jsonErrorOffset } from '../formats/jsonError.ts';
import { ImportFormatError } from '../formats/types.ts';

export interface ScannedFeature { index: number; line: number; feature: unknown }

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d, COMMA = 0x2c, COLON = 0x3a;

type State =
  | 'start' // before the top-level '{'
  | 'member' // expecting a key or '}' (after '{' or ',')
  | 'afterMember' // expecting ',' or '}'
  | 'colon'
  | 'value' // expecting a member's value
  | 'element' // in `features`, expecting an element or ']'
  | 'afterElement' // in `features`, expecting ',' or ']'
  | 'done';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const show = (byte: number) => (byte >= 0x20 && byte < 0x7f ? JSON.stringify(String.fromCharCode(byte)) : `byte 0x${byte.toString(16)}`);

export class FeatureCollectionScanner {
  private state: State = 'start';
  /** a value being captured: its bytes so far, nesting depth, string/escape state */
  private capture: Buffer[] | null = null;
  private captureStart = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private captureLine = 1;
  private key: string | null = null;
  private keyCapture = false;
  private firstElement = true;
  private sawFeatures = false;
  private line = 1;
  private bom = 0;
  /** bytes consumed so far */
  bytes = 0;
  /** features yielded so far */
  count = 0;
  readonly members: Record<string, unknown> = {};

  private error(message: string, details: Record<string, unknown> = {}): never {
    throw new ImportFormatError(`GeoJSON: ${message}`, { format: 'geojson', line: this.line, ...details });
  }

  private parse(bytes: Buffer, what: string, details: Record<string, unknown>): unknown {
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      this.error(`${what} (line ${this.captureLine}) is not UTF-8 text (GeoJSON must be UTF-8)`, details);
    }
    try {
      return JSON.parse(text);
    } catch (err) {
      const at = jsonErrorOffset(text);
      const before = text.slice(0, at < 0 ? text.length : at);
      const line = this.captureLine + (before.match(/\n/g)?.length ?? 0);
      const near = text.slice(Math.max(0, at - 20), at + 20).replace(/\s+/g, ' ');
      this.error(`${what}: syntax error at line ${line} (${(err as Error).message.replace(/ in JSON at position \d+.*$/, '')}, near ${JSON.stringify(near)})`, { ...details, line });
    }
  }

  /** A value starts at byte `i`, whose byte is `c`: a string, an object or array, or a scalar (number, true, false, null). */
  private startCapture(i: number, c: number): void {
    const container = c === LBRACE || c === LBRACKET;
    this.capture = [];
    this.captureStart = i;
    this.captureLine = this.line;
    this.depth = container ? 1 : 0;
    this.inString = c === QUOTE;
    this.escape = false;
    this.scalar = !container && c !== QUOTE;
  }

  /** The captured value ends at byte `end` (exclusive) of `chunk`. */
  private finishCapture(chunk: Buffer, end: number): Buffer {
    const parts = this.capture!;
    parts.push(chunk.subarray(this.captureStart, end));
    this.capture = null;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  private emitValue(bytes: Buffer, out: ScannedFeature[]): void {
    if (this.keyCapture) {
      this.key = this.parse(bytes, 'a top-level member name', {}) as string;
      this.keyCapture = false;
      this.state = 'colon';
      return;
    }
    if (this.state === 'element') {
      const index = this.count++;
      out.push({ index, line: this.captureLine, feature: this.parse(bytes, `feature ${index}`, { featureIndex: index }) });
      this.state = 'afterElement';
      return;
    }
    const key = this.key!;
    if (Object.hasOwn(this.members, key)) this.error(`the top-level member ${JSON.stringify(key)} appears twice`);
    this.members[key] = this.parse(bytes, `the top-level member ${JSON.stringify(key)}`, { member: key });
    this.state = 'afterMember';
  }

  /** Scan one chunk; returns the features completed in it. */
  push(chunk: Buffer): ScannedFeature[] {
    const out: ScannedFeature[] = [];
    let i = 0;
    if (this.state === 'start' && this.bom < 3 && this.bytes === this.bom) {
      // a UTF-8 byte-order mark, possibly split over chunks
      while (i < chunk.length && this.bom < 3 && chunk[i] === BOM[this.bom]) { i++; this.bom++; }
      if (this.bom > 0 && this.bom < 3 && i < chunk.length) this.error('the file starts with a damaged byte-order mark');
    }
    this.bytes += chunk.length;
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk[i];
      if (c === 0x0a) this.line++;
      if (this.capture) {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === BACKSLASH) this.escape = true;
          else if (c === QUOTE) {
            this.inString = false;
            if (this.depth === 0) this.emitValue(this.finishCapture(chunk, i + 1), out);
          }
          continue;
        }
        if (this.scalar) {
          if (WS.has(c) || c === COMMA || c === RBRACE || c === RBRACKET) {
            this.emitValue(this.finishCapture(chunk, i), out);
            i--; // the delimiter is read again by the structural states
            if (c === 0x0a) this.line--;
          }
          continue;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === LBRACE || c === LBRACKET) this.depth++;
        else if (c === RBRACE || c === RBRACKET) {
          if (--this.depth === 0) this.emitValue(this.finishCapture(chunk, i + 1), out);
        }
        continue;
      }
      if (WS.has(c)) continue;
      switch (this.state) {
        case 'start':
          if (c !== LBRACE) this.error(`the file does not start with a JSON object (found ${show(c)}): not a GeoJSON FeatureCollection`);
          this.state = 'member';
          break;
        case 'member':
          if (c === RBRACE && Object.keys(this.members).length === 0 && !this.sawFeatures) { this.state = 'done'; break; }
          if (c !== QUOTE) this.error(`expected a member name at line ${this.line}, found ${show(c)}`);
          this.keyCapture = true;
          this.startCapture(i, c);
          break;
        case 'colon':
          if (c !== COLON) this.error(`expected ":" after ${JSON.stringify(this.key)} at line ${this.line}, found ${show(c)}`);
          this.state = 'value';
          break;
        case 'value':
          if (this.key === 'features' && c === LBRACKET) {
            if (this.sawFeatures) this.error('the top-level member "features" appears twice');
            this.sawFeatures = true;
            this.firstElement = true;
            this.state = 'element';
            break;
          }
          this.startCapture(i, c);
          break;
        case 'afterMember':
          if (c === COMMA) this.state = 'member';
          else if (c === RBRACE) this.state = 'done';
          else this.error(`expected "," or "}" at line ${this.line}, found ${show(c)}`);
          break;
        case 'element':
          if (c === RBRACKET && this.firstElement) { this.state = 'afterMember'; break; }
          this.firstElement = false;
          this.startCapture(i, c);
          break;
        case 'afterElement':
          if (c === COMMA) this.state = 'element';
          else if (c === RBRACKET) this.state = 'afterMember';
          else this.error(`after feature ${this.count - 1}: expected "," or "]" at line ${this.line}, found ${show(c)}`, { featureIndex: this.count - 1 });
          break;
        case 'done':
          this.error(`unexpected ${show(c)} after the end of the top-level object at line ${this.line}`);
      }
    }
    if (this.capture) this.capture.push(chunk.subarray(this.captureStart)), this.captureStart = 0;
    return out;
  }

  /** The end of the input: the top-level members, or an error when the file stopped early. */
  end(): { members: Record<string, unknown>; features: ScannedFeature[] } {
    const out: ScannedFeature[] = [];
    if (this.capture && this.scalar && this.state !== 'element') {
      this.emitValue(Buffer.concat(this.capture), out);
    }
    if (this.state === 'start') this.error('the file is empty');
    if (this.state !== 'done') {
      const where = this.state === 'element' || this.state === 'afterElement' || (this.capture && this.state !== 'value')
        ? ` inside the features array after feature ${this.count - 1}` : '';
      this.error(`unexpected end of file at line ${this.line}${where} (truncated?)`, { featureIndex: this.count });
    }
    const m = this.members;
    if (m.type === 'Feature' && !this.sawFeatures) {
      const { ...feature } = m;
      for (const k of Object.keys(m)) delete m[k];
      out.push({ index: this.count++, line: 1, feature });
    } else if (m.type !== 'FeatureCollection' || !this.sawFeatures) {
      this.error(`not a GeoJSON FeatureCollection or Feature (top-level type ${JSON.stringify(m.type)}${this.sawFeatures ? '' : ', no "features" array'})`);
    }
    return { members: m, features: out };
  }
}
