/**
 * <ct-import>: import a file (GeoJSON, CSV, zipped shapefile, GeoPackage, KML/KMZ) as a new
 * community, or — with `community` set — as a layer of that community. Choose the file,
 * format (auto by extension), CRS and kind; Preview uploads it with a progress bar and
 * shows what the server read (nothing is written); Import uploads it again to commit. A
 * second bar follows the server as it reads and writes the file (Server-Sent Events from
 * /api/import/progress/:token), so a large file shows progress after the upload too.
 *
 * Properties: `locale` ('zh' | 'en'), `community` (id, or null for a new community).
 * Events (bubbling, composed):
 *   ct-imported      detail { id, version, result }  after a successful import
 *   ct-import-error  detail { message, status }      when the server refused the file
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { FEATURE_KINDS } from '../../engine/twin/types.ts';
import { KIND_LABELS, say, type ImportLang, type ImportMessageKey } from './messages.ts';
import { previewTemplate, type ImportPreview } from './preview.ts';
import { writeHeaders } from '../planner/api.ts';
import { importQuery, progressToken, uploadFile, watchImportProgress, type ServerProgress } from './upload.ts';

const FORMATS = ['geojson', 'csv', 'shp', 'gpkg', 'kml'] as const;
const CRS_CHOICES: [string, ImportMessageKey][] = [
  ['', 'crsAuto'], ['wgs84', 'crsWgs84'], ['gcj02', 'crsGcj02'], ['bd09', 'crsBd09'], ['cgcs2000', 'crsCgcs2000'], ['epsg', 'crsEpsg'],
];
interface ApiErrorBody { error?: { message?: string } }

@customElement('ct-import')
export class CtImport extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 13px; max-width: 560px; }
    form { display: grid; grid-template-columns: max-content 1fr; gap: 6px 10px; align-items: center; }
    label { color: #374151; }
    progress { width: 100%; }
    .actions { grid-column: 1 / -1; display: flex; gap: 8px; }
    .row { display: flex; gap: 16px; align-items: flex-start; }
    table { border-collapse: collapse; } th { text-align: left; font-weight: 400; padding-right: 12px; }
    caption { text-align: left; font-weight: 500; }
    figure { margin: 0; } figcaption { font-size: 11px; color: #6b7280; }
    ul { margin: 4px 0; padding-left: 18px; } .ok { color: #047857; } .bad, .failed { color: #b91c1c; }
  `;

  @property() locale: ImportLang = 'zh';
  @property() community: string | null = null;

  @state() private file: File | null = null;
  @state() private format = '';
  @state() private crs = '';
  @state() private epsg = '';
  @state() private kind = '';
  @state() private communityId = '';
  @state() private replace = false;
  @state() private progress: number | null = null;
  /** the server's phase once the upload is in: bytes parsed, features written */
  @state() private serverProgress: ServerProgress | null = null;
  @state() private preview: ImportPreview | null = null;
  @state() private message: { text: string; failed: boolean } | null = null;

  private url(commit: boolean, token: string): string {
    const crs = this.crs === 'epsg' ? (this.epsg.trim() ? `epsg:${this.epsg.trim().replace(/^epsg:/i, '')}` : '') : this.crs;
    const common = { format: this.format, crs, kind: this.kind, filename: this.file?.name, replace: this.replace, progress: token };
    if (this.community) {
      return `/api/communities/${encodeURIComponent(this.community)}/layers${importQuery({ ...common, dryRun: !commit })}`;
    }
    return `/api/import${commit ? '' : '/preview'}${importQuery({ ...common, id: commit ? this.communityId.trim() : undefined })}`;
  }

  private async send(commit: boolean): Promise<void> {
    if (!this.file) return;
    this.message = null;
    if (!commit) this.preview = null;
    this.progress = 0;
    this.serverProgress = null;
    const token = progressToken();
    const stopWatching = watchImportProgress(token, (p) => { this.serverProgress = p; });
    try {
      // writes need the session's CSRF token (server/auth); a preview is a write-free POST but goes through the same gate
      const { status, body } = await uploadFile(this.url(commit, token), this.file, (f) => { this.progress = f; }, undefined, await writeHeaders());
      if (status >= 400) {
        const text = (body as ApiErrorBody | null)?.error?.message ?? `HTTP ${status}`;
        this.message = { text: say(this.locale, 'failed', { message: text }), failed: true };
        this.dispatchEvent(new CustomEvent('ct-import-error', { detail: { message: text, status }, bubbles: true, composed: true }));
      } else if (!commit) {
        this.preview = body as ImportPreview;
      } else {
        const result = body as { id: string; version: number };
        this.message = { text: say(this.locale, 'imported', { id: result.id, version: result.version }), failed: false };
        this.dispatchEvent(new CustomEvent('ct-imported', { detail: { id: result.id, version: result.version, result }, bubbles: true, composed: true }));
      }
    } catch (err) {
      this.message = { text: say(this.locale, 'failed', { message: (err as Error).message }), failed: true };
    } finally {
      stopWatching();
      this.progress = null;
      this.serverProgress = null;
    }
  }

  /** Upload progress, then the server's: parse (bytes read of the file), write (features staged), commit. */
  private progressRows(t: (key: ImportMessageKey, vars?: Record<string, string | number>) => string) {
    const up = this.progress!;
    const sp = this.serverProgress;
    const serverRow = () => {
      if (!sp) return up < 1 ? nothing : html`<label class="server">${t('reading')}</label><progress class="server"></progress>`;
      const fraction = sp.totalBytes > 0 ? sp.bytes / sp.totalBytes : 0;
      const label = sp.phase === 'parse' ? t('parsing', { pct: Math.round(fraction * 100), n: sp.features })
        : sp.phase === 'write' ? t('writing', { n: sp.features }) : t('committing', { n: sp.features });
      // writing goes with the reading (features are written as they are read); commit has no measure
      return html`<label class="server">${label}</label>${sp.phase === 'commit' ? html`<progress class="server"></progress>` : html`<progress class="server" max="1" .value=${fraction}></progress>`}`;
    };
    return html`<label class="upload">${up < 1 ? t('uploading', { pct: Math.round(up * 100) }) : t('uploading', { pct: 100 })}</label>
      <progress class="upload" max="1" .value=${up}></progress>
      ${serverRow()}`;
  }

  private choose(e: Event) {
    this.file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this.preview = null;
    this.message = null;
  }

  override render() {
    const t = (key: ImportMessageKey, vars?: Record<string, string | number>) => say(this.locale, key, vars);
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    const busy = this.progress !== null;
    return html`
      <h3>${t('title')}</h3>
      <form @submit=${(e: Event) => e.preventDefault()}>
        <label for="file">${t('file')}</label>
        <input id="file" type="file" accept=".geojson,.json,.csv,.tsv,.txt,.zip,.gpkg,.kml,.kmz" @change=${this.choose} />
        <label for="format">${t('format')}</label>
        <select id="format" @change=${(e: Event) => { this.format = value(e); }}>
          <option value="">${t('autoByExtension')}</option>
          ${FORMATS.map((f) => html`<option value=${f}>${f}</option>`)}
        </select>
        <label for="crs">${t('crs')}</label>
        <span>
          <select id="crs" @change=${(e: Event) => { this.crs = value(e); }}>
            ${CRS_CHOICES.map(([v, key]) => html`<option value=${v}>${t(key)}</option>`)}
          </select>
          ${this.crs === 'epsg' ? html`<input size="8" placeholder=${t('epsgCode')} .value=${this.epsg} @input=${(e: Event) => { this.epsg = value(e); }} />` : nothing}
        </span>
        <label for="kind">${t('kind')}</label>
        <select id="kind" @change=${(e: Event) => { this.kind = value(e); }}>
          <option value="">${t('kindAuto')}</option>
          ${FEATURE_KINDS.filter((k) => !this.community || k !== 'community').map((k) => html`<option value=${k}>${KIND_LABELS[k] ?? k}</option>`)}
        </select>
        <label>${t('target')}</label>
        <span>${this.community ? t('layerOf', { id: this.community }) : html`${t('newCommunity')}
          <input size="14" placeholder=${t('communityId')} .value=${this.communityId} @input=${(e: Event) => { this.communityId = value(e); }} />`}</span>
        <label for="replace">${t('replace')}</label>
        <input id="replace" type="checkbox" .checked=${this.replace} @change=${(e: Event) => { this.replace = (e.target as HTMLInputElement).checked; }} />
        ${busy ? this.progressRows(t) : nothing}
        <div class="actions">
          <button type="button" ?disabled=${!this.file || busy} @click=${() => this.send(false)}>${t('preview')}</button>
          <button type="button" ?disabled=${!this.preview?.validation.ok || busy} @click=${() => this.send(true)}>${t('commit')}</button>
        </div>
      </form>
      ${this.message ? html`<p class="message ${this.message.failed ? 'failed' : 'ok'}">${this.message.text}</p>` : nothing}
      ${this.preview ? previewTemplate(this.preview, this.locale) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-import': CtImport }
}
