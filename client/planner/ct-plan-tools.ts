/**
 * The planner's toolbar: undo / redo, the tools (select or place a kind), the type of what is
 * placed, and for polygons and paths the clicks so far with Finish / Cancel.
 * Emits tool-change { tool, type }, draft-finish, draft-cancel, undo, redo.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../i18n/index.ts';
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';
import { TOOLS, toolById, type ToolId } from './tools.ts';

@customElement('ct-plan-tools')
export class CtPlanTools extends LitElement {
  static override styles = planStyles;

  @property() locale: Lang = 'zh';
  @property() tool: ToolId = 'select';
  @property() toolType: string | undefined;
  @property({ type: Number }) draftCount = 0;
  @property({ type: Boolean }) canUndo = false;
  @property({ type: Boolean }) canRedo = false;
  @property({ type: Number }) editCount = 0;

  override render() {
    const t = planTranslator(this.locale);
    const tool = toolById(this.tool);
    const hint = !tool ? t('hintSelect') : tool.draw === 'polygon' ? t('hintPolygon') : tool.draw === 'segment' ? t('hintPath') : t('hintPlace');
    return html`
      <div class="row">
        <button data-action="undo" ?disabled=${!this.canUndo} @click=${() => this.emit('undo')}>↶ ${t('undo')}</button>
        <button data-action="redo" ?disabled=${!this.canRedo} @click=${() => this.emit('redo')}>↷ ${t('redo')}</button>
        <span class="hint">${t('edits', { n: this.editCount })}</span>
      </div>
      <div class="row" role="group" aria-label=${t('tools')}>
        <button data-tool="select" aria-pressed=${this.tool === 'select'} @click=${() => this.pick('select')}>${t('toolSelect')}</button>
        ${TOOLS.map((x) => html`<button data-tool=${x.id} aria-pressed=${this.tool === x.id} @click=${() => this.pick(x.id)}>${t(x.label)}</button>`)}
      </div>
      <div class="row">
        ${tool?.types && tool.types.length > 1 ? html`<select aria-label=${t('type')}
          @change=${(e: Event) => this.emit('tool-change', { tool: this.tool, type: (e.target as HTMLSelectElement).value })}>
          ${tool.types.map((type) => html`<option value=${type} ?selected=${type === (this.toolType ?? tool.types?.[0])}>${type}</option>`)}
        </select>` : nothing}
        <p class="hint">${hint}</p>
        ${tool && tool.draw !== 'point' && this.draftCount > 0 ? html`
          ${tool.draw === 'polygon' ? html`<button data-action="finish" ?disabled=${this.draftCount < 3} @click=${() => this.emit('draft-finish')}>${t('finish')} (${this.draftCount})</button>` : nothing}
          <button @click=${() => this.emit('draft-cancel')}>${t('cancel')}</button>` : nothing}
      </div>`;
  }

  private pick(tool: ToolId) {
    this.emit('tool-change', { tool: this.tool === tool ? 'select' : tool, type: undefined });
  }

  private emit(name: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-plan-tools': CtPlanTools }
}
