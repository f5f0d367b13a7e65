/**
 * The selected feature's attributes as a form: sliders (with a number box) for the camera's
 * heading / field of view / range and the modelled 5G site's height, azimuth, beamwidth and
 * EIRP, text and choices for the rest, and Delete. Sliders preview while they move and commit
 * when released; the engine validates each edit as the import does, and the planner shows its
 * EditError. Emits plan-preview / plan-commit (Edit[]) and plan-close.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Feature } from 'geojson';
import type { Edit } from '../../engine/edit/index.ts';
import type { Lang } from '../i18n/index.ts';
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';
import { TOOLS } from './tools.ts';

interface Slider { key: string; min: number; max: number; step: number }

const SLIDERS: Record<string, Slider[]> = {
  camera: [
    { key: 'headingDeg', min: 0, max: 359, step: 1 }, { key: 'hfovDeg', min: 5, max: 360, step: 1 },
    { key: 'rangeM', min: 5, max: 200, step: 1 }, { key: 'mountHeightM', min: 1, max: 30, step: 0.5 },
  ],
  fiveG: [
    { key: 'heightM', min: 1, max: 80, step: 1 }, { key: 'azimuthDeg', min: 0, max: 359, step: 1 },
    { key: 'beamwidthDeg', min: 10, max: 360, step: 1 }, { key: 'eirpDbm', min: 20, max: 70, step: 0.5 },
  ],
};
const BOOLEANS: Record<string, string[]> = {
  camera: ['online', 'intact', 'imageOut'], fiveG: ['liftCovered', 'garageCovered'], venue: ['smartFitness'],
  charger: ['timedCharging', 'autoPowerOff', 'faultAlarm', 'provincialPlatform'], light: ['smart'],
};
const CHOICES: Record<string, { key: string; values: readonly string[] }> = {
  camera: { key: 'purpose', values: ['keyLocation', 'throwing', 'perimeter', 'general'] },
};

@customElement('ct-plan-form')
export class CtPlanForm extends LitElement {
  static override styles = planStyles;

  @property() locale: Lang = 'zh';
  @property({ attribute: false }) feature: Feature | null = null;
  @property() error = '';
  /** slider values while held: the results of earlier positions must not pull the thumb back */
  private held = new Map<string, number>();

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('feature') && changed.get('feature')?.properties?.id !== this.feature?.properties?.id) this.held.clear();
  }

  override render() {
    const f = this.feature;
    if (!f?.properties) return nothing;
    const t = planTranslator(this.locale);
    const p = f.properties as Record<string, unknown>;
    const kind = String(p.kind);
    const pointSite = kind === 'camera' || (kind === 'fiveG' && f.geometry.type === 'Point');
    const types = [...new Set(TOOLS.filter((x) => x.kind === kind).flatMap((x) => x.types ?? []))];
    const choice = CHOICES[kind];
    return html`
      <div class="row"><h2>${t('selected')}: ${String(p.name ?? p.id)}</h2>
        ${p.proposed === true ? html`<span class="badge">${t('suggested')}</span>` : nothing}
        <button @click=${() => this.emit('plan-close')}>×</button></div>
      ${pointSite ? (SLIDERS[kind] ?? []).map((s) => this.slider(s, p[s.key])) : nothing}
      ${kind === 'fiveG' ? this.text('band', p.band) : nothing}
      ${types.length ? html`<label>${t('type')}<select data-key="type" @change=${(e: Event) => this.set('type', (e.target as HTMLSelectElement).value, true)}>
        ${[...new Set([String(p.type ?? ''), ...types])].filter(Boolean).map((v) => html`<option ?selected=${v === p.type}>${v}</option>`)}</select><span></span></label>` : nothing}
      ${choice ? html`<label>${choice.key}<select data-key=${choice.key} @change=${(e: Event) => this.set(choice.key, (e.target as HTMLSelectElement).value, true)}>
        ${choice.values.map((v) => html`<option ?selected=${v === p[choice.key]}>${v}</option>`)}</select><span></span></label>` : nothing}
      ${(BOOLEANS[kind] ?? []).map((key) => html`<label>${key}<input type="checkbox" data-key=${key} .checked=${live(p[key] === true)}
        @change=${(e: Event) => this.set(key, (e.target as HTMLInputElement).checked, true)}><span></span></label>`)}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${kind === 'community' ? nothing : html`<div class="row"><button data-action="delete" @click=${() => this.emitEdits('plan-commit', [{ op: 'delete', id: String(p.id) }])}>${t('delete')}</button></div>`}`;
  }

  private slider(s: Slider, value: unknown) {
    const v = this.held.get(s.key) ?? (typeof value === 'number' ? value : s.min);
    const read = (e: Event) => Number((e.target as HTMLInputElement).value);
    return html`<label>${s.key}
      <input type="range" data-key=${s.key} min=${s.min} max=${s.max} step=${s.step} .value=${live(String(v))}
        @input=${(e: Event) => { this.held.set(s.key, read(e)); this.set(s.key, read(e), false); }}
        @change=${(e: Event) => { this.held.delete(s.key); this.set(s.key, read(e), true); }}>
      <input type="number" data-key=${s.key} step=${s.step} .value=${live(String(v))} @change=${(e: Event) => this.set(s.key, read(e), true)}></label>`;
  }

  private text(key: string, value: unknown) {
    return html`<label>${key}<input type="text" data-key=${key} .value=${live(value === undefined ? '' : String(value))}
      @change=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value, true)}><span></span></label>`;
  }

  private set(key: string, value: unknown, commit: boolean) {
    const id = String(this.feature?.properties?.id);
    this.emitEdits(commit ? 'plan-commit' : 'plan-preview', [{ op: 'update', id, props: { [key]: value } }]);
  }

  private emitEdits(name: 'plan-preview' | 'plan-commit', edits: Edit[]) {
    this.dispatchEvent(new CustomEvent<Edit[]>(name, { detail: edits }));
  }

  private emit(name: string) {
    this.dispatchEvent(new CustomEvent(name));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-plan-form': CtPlanForm }
}
