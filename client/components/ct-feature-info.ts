/** The attributes of the clicked feature. Emits feature-close. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Feature } from 'geojson';
import { translator, type Lang } from '../i18n/index.ts';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

@customElement('ct-feature-info')
export class CtFeatureInfo extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 12px; }
    header { display: flex; justify-content: space-between; align-items: center; font-weight: 500; margin-bottom: 4px; }
    button { border: none; background: none; cursor: pointer; font-size: 16px; line-height: 1; }
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-weight: 400; color: #6b7280; padding: 1px 8px 1px 0; vertical-align: top; white-space: nowrap; }
    td { padding: 1px 0; word-break: break-all; }
  `;

  @property({ attribute: false }) feature: Feature | null = null;
  @property() locale: Lang = 'zh';

  override render() {
    if (!this.feature) return nothing;
    const t = translator(this.locale);
    const props = this.feature.properties ?? {};
    return html`
      <header>
        <span>${t('featureInfo')} · ${show(props.kind)} ${show(props.name ?? props.id)}</span>
        <button aria-label=${t('close')} @click=${() => this.dispatchEvent(new CustomEvent('feature-close', { bubbles: true, composed: true }))}>×</button>
      </header>
      <table>
        <tr><th>geometry</th><td>${this.feature.geometry?.type ?? '—'}</td></tr>
        ${Object.entries(props).map(([key, value]) => html`<tr><th>${key}</th><td>${show(value)}</td></tr>`)}
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-feature-info': CtFeatureInfo }
}
