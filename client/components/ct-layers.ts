/** Layer toggles and the legend. Emits layer-toggle with { group, visible }. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { translator, type Lang, type MessageKey } from '../i18n/index.ts';
import { COLORS, cssColor, type ColorName } from '../layers/colors.ts';
import { LAYER_GROUPS, type LayerGroup } from '../state.ts';

const GROUP_LABEL: Record<LayerGroup, MessageKey> = {
  boundary: 'layerBoundary', compounds: 'layerCompounds', buildings: 'layerBuildings', cameras: 'layerCameras',
  keyLocations: 'layerKeyLocations', fiveG: 'layerFiveG', throwing: 'layerThrowing', sportsWalk: 'layerSportsWalk',
  facilities: 'layerFacilities', labels: 'layerLabels',
};

/** Legend entries per group: colour and label (shape: area / line / dot). */
const LEGEND: Partial<Record<LayerGroup, [ColorName, MessageKey, 'area' | 'line' | 'dot'][]>> = {
  compounds: [['closedCompound', 'closedCompound', 'line'], ['openCompound', 'openCompound', 'line']],
  buildings: [['residential', 'useResidential', 'area'], ['otherUse', 'useOther', 'area'], ['throwingApplies', 'throwingApplies', 'area']],
  cameras: [['cameraOnline', 'cameraOnline', 'dot'], ['cameraOffline', 'cameraOffline', 'dot'], ['cameraBroken', 'cameraBroken', 'dot'], ['viewSector', 'viewSector', 'area']],
  keyLocations: [['covered', 'covered', 'dot'], ['uncovered', 'uncovered', 'dot']],
  fiveG: [['fiveGCoverage', 'fiveGCoverage', 'area'], ['fiveGHole', 'fiveGHole', 'area']],
  throwing: [['uncoveredFacade', 'uncoveredFacade', 'area']],
  sportsWalk: [['isochrone', 'isochrone', 'area'], ['unreached', 'unreached', 'line']],
  facilities: [['venue', 'venue', 'dot'], ['charger', 'charger', 'dot'], ['smartPole', 'smartPole', 'dot'], ['light', 'light', 'dot'], ['gate', 'gate', 'dot'], ['facility', 'facility', 'dot']],
};

@customElement('ct-layers')
export class CtLayers extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 12px; }
    details { margin: 0; }
    summary { cursor: pointer; font-weight: 500; padding: 2px 0; }
    label { display: flex; align-items: center; gap: 6px; margin-top: 4px; cursor: pointer; }
    .legend { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 2px 0 2px 22px; color: #4a5058; }
    .swatch { display: inline-block; width: 12px; height: 10px; margin-right: 3px; vertical-align: -1px; border-radius: 2px; }
    .swatch.line { height: 3px; vertical-align: 2px; }
    .swatch.dot { width: 9px; height: 9px; border-radius: 50%; }
  `;

  @property() locale: Lang = 'zh';
  @property({ attribute: false }) hiddenGroups: LayerGroup[] = [];

  override render() {
    const t = translator(this.locale);
    return html`<details open>
      <summary>${t('layers')} · ${t('legend')}</summary>
      ${LAYER_GROUPS.map((group) => html`
        <label>
          <input type="checkbox" data-group=${group} .checked=${!this.hiddenGroups.includes(group)}
            @change=${(e: Event) => this.toggle(group, (e.target as HTMLInputElement).checked)} />
          ${t(GROUP_LABEL[group])}
        </label>
        <div class="legend">
          ${(LEGEND[group] ?? []).map(([color, label, shape]) => html`<span><span class="swatch ${shape}" style="background:${cssColor(COLORS[color])}"></span>${t(label)}</span>`)}
        </div>`)}
    </details>`;
  }

  private toggle(group: LayerGroup, visible: boolean) {
    this.dispatchEvent(new CustomEvent('layer-toggle', { detail: { group, visible }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-layers': CtLayers }
}
