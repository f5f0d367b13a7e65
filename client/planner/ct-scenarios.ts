/**
 * The scenarios of the community: save the current edits (POST, or PUT to the open one), list,
 * reopen, duplicate, delete, compare with another or the baseline, apply (after a confirm; a
 * stale scenario's 409 is spelled out), and "suggest for tier…" (the engine's proposals saved
 * as a new scenario, then opened). Emits scenario-open / scenario-saved (Scenario),
 * scenario-applied (the server's Applied) and comparison ({ comparison, reference }).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Edit } from '../../engine/edit/index.ts';
import { translator, type Lang } from '../i18n/index.ts';
import { TIERS } from '../state.ts';
import * as api from './api.ts';

const TIER_KEY = { basic: 'tierBasic', growth: 'tierGrowth', benchmark: 'tierBenchmark' } as const;
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';
import './ct-plan-compare.ts';
import './ct-plan-login.ts';

@customElement('ct-scenarios')
export class CtScenarios extends LitElement {
  static override styles = planStyles;

  @property() locale: Lang = 'zh';
  @property() community: string | null = null;
  @property() tier = 'basic';
  @property() standard = 'shandong-2022';
  @property({ attribute: false }) edits: Edit[] = [];
  @property({ attribute: false }) current: api.Scenario | null = null;
  @property({ attribute: false }) comparison: api.Comparison | null = null;

  @state() private list: api.Scenario[] = [];
  @state() private user: api.User | null = null;
  @state() private authDisabled = false;
  @state() private message = '';
  @state() private error = '';
  @state() private busy = false;
  @state() private compareWith = 'baseline';
  @state() private suggestTier = '';
  private compareNames: [string, string] = ['', ''];

  override connectedCallback() {
    super.connectedCallback();
    void api.whoAmI().then((me) => { this.user = me.user; this.authDisabled = me.authDisabled === true; }, () => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('community')) void this.refresh();
  }

  override render() {
    const t = planTranslator(this.locale);
    const canWrite = this.authDisabled || this.user !== null;
    const nameOf = (id: string) => (id === 'baseline' ? t('baseline') : this.list.find((s) => s.id === id)?.name ?? id);
    return html`
      <h2>${t('scenarios')}</h2>
      ${this.authDisabled ? nothing : html`<ct-plan-login .locale=${this.locale} .user=${this.user}
        @login-change=${(e: CustomEvent<api.User | null>) => (this.user = e.detail)}></ct-plan-login>`}
      <form class="row" @submit=${(e: Event) => { e.preventDefault(); void this.save(e.target as HTMLFormElement); }}>
        <input name="name" aria-label=${t('scenarioName')} placeholder=${t('scenarioName')} .value=${this.current?.name ?? ''} required>
        <button type="submit" data-action="save" ?disabled=${!canWrite || this.busy}>${t('save')}</button>
        ${this.current ? html`<button type="button" data-action="save-changes" ?disabled=${!canWrite || this.busy}
          @click=${() => void this.run(async () => this.saved(await api.updateScenario(this.current!.id, { edits: this.edits })))}>${t('saveChanges')}</button>` : nothing}
      </form>
      <div class="row">
        <select aria-label=${t('suggest')} @change=${(e: Event) => (this.suggestTier = (e.target as HTMLSelectElement).value)}>
          ${TIERS.map((tier) => html`<option value=${tier} ?selected=${tier === (this.suggestTier || this.tier)}>${translator(this.locale)(TIER_KEY[tier])}</option>`)}</select>
        <button data-action="suggest" ?disabled=${!canWrite || this.busy} @click=${() => void this.suggest()}>${t('suggest')}</button>
        <label style="display:flex;gap:4px">${t('compareWith')}<select @change=${(e: Event) => (this.compareWith = (e.target as HTMLSelectElement).value)}>
          <option value="baseline">${t('baseline')}</option>
          ${this.list.map((s) => html`<option value=${s.id} ?selected=${s.id === this.compareWith}>${s.name}</option>`)}</select></label>
      </div>
      ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <ul>${this.list.map((s) => html`<li data-scenario=${s.id} aria-current=${s.id === this.current?.id}>
        <span class="name" title=${s.name}>${s.name}${s.createdBy === 'engine/suggest' ? html` <span class="badge">${t('suggested')}</span>` : nothing}</span>
        <button data-action="open" @click=${() => this.emit('scenario-open', s)}>${t('open')}</button>
        <button data-action="compare" @click=${() => void this.compare(s, nameOf)}>${t('compare')}</button>
        <button data-action="duplicate" ?disabled=${!canWrite} @click=${() => void this.run(async () => { await api.duplicateScenario(s.id); })}>${t('duplicate')}</button>
        <button data-action="apply" ?disabled=${!canWrite} @click=${() => void this.apply(s)}>${t('apply')}</button>
        <button data-action="delete" ?disabled=${!canWrite} @click=${() => void this.removeScenario(s)}>×</button>
      </li>`)}</ul>
      <ct-plan-compare .locale=${this.locale} .comparison=${this.comparison} .names=${this.compareNames}
        @compare-close=${() => this.emit('comparison', { comparison: null, reference: null })}></ct-plan-compare>`;
  }

  private async refresh() {
    if (!this.community) return;
    this.list = await api.listScenarios(this.community).catch(() => []);
  }

  /** Runs a request with busy / error handling, then reloads the list. */
  private async run(task: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      await task();
    } catch (e) {
      const t = planTranslator(this.locale);
      this.error = e instanceof api.ApiFailure && e.status === 409 && e.code === 'stale_scenario' ? `${t('stale')}\n${e.message}` : `${t('errorPrefix')}: ${(e as Error).message}`;
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  private saved(s: api.Scenario) {
    this.emit('scenario-saved', s);
  }

  private save(form: HTMLFormElement) {
    const name = String(new FormData(form).get('name') ?? '').trim();
    return this.run(async () => this.saved(await api.createScenario(this.community!, name, this.edits)));
  }

  private suggest() {
    const t = planTranslator(this.locale);
    return this.run(async () => {
      this.message = t('suggesting');
      const { scenario } = await api.suggestScenario(this.community!, this.suggestTier || this.tier, this.standard);
      this.message = '';
      this.emit('scenario-open', scenario);
    });
  }

  private compare(s: api.Scenario, nameOf: (id: string) => string) {
    return this.run(async () => {
      const comparison = await api.compareScenario(s.id, this.compareWith, this.tier, this.standard);
      this.compareNames = [s.name, nameOf(this.compareWith)];
      this.emit('comparison', { comparison, reference: null });
    });
  }

  private apply(s: api.Scenario) {
    const t = planTranslator(this.locale);
    if (!window.confirm(t('confirmApply', { name: s.name, n: s.edits.length }))) return;
    return this.run(async () => {
      const applied = await api.applyScenario(s.id);
      this.message = t('applied', { version: applied.version });
      this.emit('scenario-applied', applied);
    });
  }

  private removeScenario(s: api.Scenario) {
    if (!window.confirm(planTranslator(this.locale)('confirmDelete', { name: s.name }))) return;
    return this.run(() => api.deleteScenario(s.id));
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-scenarios': CtScenarios }
}
