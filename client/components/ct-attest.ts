/**
 * <ct-attest>: one attested check of the report (server/routes/attestations.ts). Shows what the
 * reviewer attests (the standard's `what` / `whatEn`), the attestation the report rests on now,
 * every recorded version (GET …/attestations/:checkId/history) and — for a reviewer or admin,
 * logged in with the planner's session (client/planner/api.ts) — a form recording a new version.
 * Emits `attest-saved` (detail: the stored attestation) after a POST, and `attest-close`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CheckResult, ReportRow } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { checkName } from '../i18n/checks.ts';
import { translator, type Lang } from '../i18n/index.ts';
import { postJson, whoAmI, type User } from '../planner/api.ts';
import '../planner/ct-plan-login.ts';

export interface StoredAttestation {
  checkId: string; pass: boolean; text: string; evidenceRef?: string; by: string; at: string; version?: number; communityVersion?: number;
}
interface ShownAttestation { text: string; by: string; at: string; evidenceRef?: string; version?: number }

const standardFiles = import.meta.glob<Standard>('../../data/standards/*.json', { import: 'default' });
const WRITERS = new Set(['reviewer', 'admin']);
const enc = encodeURIComponent;

async function whatOf(standardId: string, checkId: string): Promise<{ what?: string; whatEn?: string } | null> {
  const standard = await standardFiles[`../../data/standards/${standardId}.json`]?.();
  for (const tier of standard?.tiers ?? []) {
    for (const row of tier.rows) for (const c of row.checks) if (c.id === checkId) return { what: c.what, whatEn: c.whatEn };
  }
  return null;
}

@customElement('ct-attest')
export class CtAttest extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 13px; border-top: 1px solid #e5e7ea; padding-top: 6px; overflow-y: auto; }
    h2 { font-size: 14px; font-weight: 500; margin: 0; flex: 1; }
    h3 { font-size: 12px; font-weight: 500; margin: 8px 0 2px; color: #4b5563; }
    .head { display: flex; align-items: center; gap: 8px; }
    p { margin: 2px 0; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; } dt { color: #6b7280; } dd { margin: 0; }
    .pass { color: #047857; } .fail { color: #b91c1c; } .error { color: #b91c1c; }
    ol { margin: 0; padding-left: 18px; } li { margin: 2px 0; }
    form { display: grid; grid-template-columns: max-content 1fr; gap: 4px 8px; align-items: center; margin-top: 4px; }
    textarea, input[type=text] { font: inherit; width: 100%; box-sizing: border-box; }
    .actions { grid-column: 1 / -1; display: flex; gap: 8px; align-items: center; }
    button { font: inherit; font-size: 12px; }
  `;

  @property() community: string | null = null;
  @property() standard = 'shandong-2022';
  @property() locale: Lang = 'zh';
  @property({ attribute: false }) row: ReportRow | null = null;
  @property() checkId: string | null = null;

  @state() private user: User | null = null;
  @state() private what: { what?: string; whatEn?: string } | null = null;
  @state() private history: StoredAttestation[] = [];
  @state() private error = '';
  @state() private saving = false;
  @state() private saved = false;

  override connectedCallback() {
    super.connectedCallback();
    whoAmI().then((me) => (this.user = me.user), () => (this.user = null));
  }

  private get check(): CheckResult | null {
    return this.row?.checks.find((c) => c.id === this.checkId) ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('checkId') || changed.has('community') || changed.has('standard')) {
      this.saved = false;
      this.error = '';
      void this.load();
    }
  }

  /** the standard's text of the check, and its recorded versions */
  async load() {
    const { community, checkId, standard } = this;
    if (!community || !checkId) return;
    this.what = await whatOf(standard, checkId).catch(() => null);
    try {
      const response = await fetch(`/api/communities/${enc(community)}/attestations/${enc(checkId)}/history`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      if (this.checkId === checkId) this.history = (await response.json()) as StoredAttestation[];
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  override render() {
    const t = translator(this.locale);
    const check = this.check;
    if (!check || !this.row) return nothing;
    const en = this.locale === 'en';
    const name = this.row.checks.length === 1 ? (en ? this.row.nameEn : this.row.name) : checkName(check.id, this.locale);
    const what = (en ? this.what?.whatEn ?? this.what?.what : this.what?.what ?? this.what?.whatEn) ?? (en ? this.row.requirementEn ?? this.row.requirement : this.row.requirement);
    const current = check.evidence.attestation as ShownAttestation | undefined;
    return html`
      <div class="head"><h2>${t('attestTitle', { name })}</h2>
        <button aria-label=${t('close')} @click=${() => this.emit('attest-close', null)}>✕</button></div>
      <h3>${t('attestWhat')}</h3>
      <p class="what">${what}</p>
      <h3>${t('attestCurrent')}</h3>
      ${current ? html`<dl class="current">
          <dt>${t('attestPass')}</dt><dd class=${check.pass ? 'pass' : 'fail'} data-pass=${String(check.pass)}>${check.pass ? t('attested') : t('fail')}</dd>
          <dt>${t('attestText')}</dt><dd>${current.text}</dd>
          ${current.evidenceRef ? html`<dt>${t('attestEvidence')}</dt><dd>${current.evidenceRef}</dd>` : nothing}
          <dt>${t('attestBy')}</dt><dd>${current.by}</dd>
          <dt>${t('attestAt')}</dt><dd>${this.when(current.at)}</dd>
        </dl>` : html`<p class="none">${t('attestNone')} · ${t('attestationNeeded')}</p>`}
      <h3>${t('attestHistory')}</h3>
      ${this.history.length ? html`<ol class="history">${[...this.history].reverse().map((a) => html`<li>
          <span class=${a.pass ? 'pass' : 'fail'}>${a.pass ? '✓' : '✗'}</span> ${this.when(a.at)} · ${a.by}${a.version !== undefined ? html` · ${t('attestVersion')} ${a.version}` : nothing}:
          ${a.text}${a.evidenceRef ? html` (${a.evidenceRef})` : nothing}</li>`)}</ol>` : html`<p>${t('attestNoHistory')}</p>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderForm()}`;
  }

  private renderForm() {
    const t = translator(this.locale);
    const login = html`<ct-plan-login .locale=${this.locale} .user=${this.user}
      @login-change=${(e: CustomEvent<User | null>) => (this.user = e.detail)}></ct-plan-login>`;
    if (!this.user) return login;
    if (!WRITERS.has(this.user.role)) return html`${login}<p class="hint">${t('attestNeedRole')}</p>`;
    return html`${login}
      <form @submit=${(e: Event) => { e.preventDefault(); void this.submit(e.target as HTMLFormElement); }}>
        <span>${t('attestPass')}</span>
        <span><label><input type="radio" name="pass" value="true" required> ${t('attestYes')}</label>
          <label><input type="radio" name="pass" value="false"> ${t('attestNo')}</label></span>
        <label for="text">${t('attestText')}</label><textarea id="text" name="text" rows="2" required></textarea>
        <label for="evidenceRef">${t('attestEvidence')}</label><input id="evidenceRef" name="evidenceRef" type="text">
        <div class="actions"><button type="submit" ?disabled=${this.saving}>${t('attestSubmit')}</button>
          ${this.saved ? html`<span class="saved pass">${t('attestSaved')}</span>` : nothing}</div>
      </form>`;
  }

  private when(at: string) {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? at : d.toLocaleString(this.locale === 'en' ? 'en' : 'zh-CN');
  }

  private async submit(form: HTMLFormElement) {
    const { community, checkId, user } = this;
    if (!community || !checkId || !user) return;
    const data = new FormData(form);
    const evidenceRef = String(data.get('evidenceRef') ?? '').trim();
    this.saving = true;
    this.error = '';
    try {
      const stored = await postJson<StoredAttestation>(`/api/communities/${enc(community)}/attestations?standard=${enc(this.standard)}`, {
        checkId, pass: data.get('pass') === 'true', text: String(data.get('text') ?? '').trim(), by: user.name, ...(evidenceRef ? { evidenceRef } : {}),
      });
      form.reset();
      this.saved = true;
      this.emit('attest-saved', stored);
      await this.load();
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.saving = false;
    }
  }

  private emit<T>(name: string, detail: T) {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-attest': CtAttest }
}
