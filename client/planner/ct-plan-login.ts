/** A small login form for the planner's writes (POST /api/auth/login); emits login-change with the user or null. */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../i18n/index.ts';
import { logIn, logOut, type User } from './api.ts';
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';

@customElement('ct-plan-login')
export class CtPlanLogin extends LitElement {
  static override styles = planStyles;

  @property() locale: Lang = 'zh';
  @property({ attribute: false }) user: User | null = null;
  @state() private error = '';

  override render() {
    const t = planTranslator(this.locale);
    if (this.user) {
      return html`<div class="row"><span class="hint">${t('loggedInAs', this.user as unknown as Record<string, string>)}</span>
        <button @click=${() => void this.out()}>${t('logout')}</button></div>`;
    }
    return html`<form class="row" @submit=${(e: Event) => { e.preventDefault(); void this.in(e.target as HTMLFormElement); }}>
      <span class="hint">${t('loginNeeded')}</span>
      <input name="name" autocomplete="username" placeholder=${t('userName')} aria-label=${t('userName')} required>
      <input name="password" type="password" autocomplete="current-password" placeholder=${t('password')} aria-label=${t('password')} required>
      <button type="submit">${t('login')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </form>`;
  }

  private async in(form: HTMLFormElement) {
    const data = new FormData(form);
    try {
      const user = await logIn(String(data.get('name')), String(data.get('password')));
      this.error = '';
      this.emit(user);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async out() {
    await logOut().catch(() => undefined);
    this.emit(null);
  }

  private emit(user: User | null) {
    this.dispatchEvent(new CustomEvent<User | null>('login-change', { detail: user }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-plan-login': CtPlanLogin }
}
