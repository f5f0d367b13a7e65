/** Layer toggles and the legend, in a panel that folds. Emits layer-toggle with { group, visible }. */
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { translator, type Lang, type MessageKey } from '../i18n/index.ts';
import { COLORS, cssColor, type ColorName } from '../layers/colors.ts';
import { ICON_PATHS, type IconName } from '../layers/icons.ts';
import { LAYER_GROUPS, type LayerGroup } from '../state.ts';

const GROUP_LABEL: Record<LayerGroup, MessageKey> = {
  boundary: 'layerBoundary', compounds: 'layerCompounds', buildings: 'layerBuildings', cameras: 'layerCameras',
  keyLocations: 'layerKeyLocations', fiveG: 'layerFiveG', throwing: 'layerThrowing', sportsWalk: 'layerSportsWalk',
  facilities: 'layerFacilities', labels: 'layerLabels',
};

/** a legend entry: colour, label, and its shape on the map (or the icon drawn on a disc) */
type Swatch = [ColorName, MessageKey, 'area' | 'line' | 'dot' | IconName];

const LEGEND: Partial<Record<LayerGroup, Swatch[]>> = {
  compounds: [['closedCompound', 'closedCompound', 'line'], ['openCompound', 'openCompound', 'line']],
  buildings: [['residential', 'useResidential', 'area'], ['otherUse', 'useOther', 'area'], ['throwingApplies', 'throwingApplies', 'area']],
  cameras: [['cameraOnline', 'cameraOnline', 'dot'], ['cameraOffline', 'cameraOffline', 'dot'], ['cameraBroken', 'cameraBroken', 'dot'],
    ['cameraCluster', 'cameraCluster', 'dot'], ['viewSector', 'viewSector', 'area']],
  keyLocations: [['covered', 'covered', 'check'], ['uncovered', 'uncovered', 'cross']],
  fiveG: [['fiveGCoverage', 'fiveGCoverage', 'area'], ['fiveGHole', 'fiveGHole', 'area'], ['fiveGSite', 'fiveGSite', 'fiveG']],
  throwing: [['uncoveredFacade', 'uncoveredFacade', 'area']],
  sportsWalk: [['isochrone', 'isochrone', 'area'], ['unreached', 'unreached', 'line']],
  facilities: [['venue', 'venue', 'venue'], ['charger', 'charger', 'charger'], ['smartPole', 'smartPole', 'smartPole'], ['light', 'light', 'light'],
    ['gate', 'gate', 'gate'], ['gate', 'perimeter', 'perimeter'], ['facility', 'garbage', 'garbage'], ['facility', 'facility', 'facility']],
};

function swatch([color, , shape]: Swatch) {
  if (shape === 'area' || shape === 'line' || shape === 'dot') {
    return html`<span class="swatch ${shape}" style="background:${cssColor(COLORS[color])}"></span>`;
  }
  const glyph = color === 'light' ? '#5a4600' : '#fff';
  return html`<svg class="icon" viewBox="-4 -4 32 32" aria-hidden="true">
    ${svg`<circle cx="12" cy="12" r="15" fill=${cssColor(COLORS[color])}></circle><path d=${ICON_PATHS[shape]} fill=${glyph}></path>`}</svg>`;
}

@customElement('ct-layers')
export class CtLayers extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 12px; }
    details { margin: 0; }
    summary { cursor: pointer; font-weight: 500; padding: 2px 0; border-radius: 3px; }
    summary:focus-visible, input:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
    label { display: flex; align-items: center; gap: 6px; margin-top: 4px; cursor: pointer; }
    .legend { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 2px 0 2px 22px; color: #4a5058; }
    .legend > span { display: inline-flex; align-items: center; gap: 3px; }
    .swatch { display: inline-block; width: 12px; height: 10px; border-radius: 2px; }
    .swatch.line { height: 3px; }
    .swatch.dot { width: 9px; height: 9px; border-radius: 50%; }
    .icon { width: 14px; height: 14px; }
  `;

  @property() locale: Lang = 'zh';
  @property({ attribute: false }) hiddenGroups: LayerGroup[] = [];
  /** unfolded at first (the app folds it on small screens) */
  @property({ type: Boolean }) open = true;

  override render() {
    const t = translator(this.locale);
    return html`<details ?open=${this.open}>
      <summary>${t('layers')} · ${t('legend')}</summary>
      ${LAYER_GROUPS.map((group) => html`
        <label>
          <input type="checkbox" data-group=${group} .checked=${!this.hiddenGroups.includes(group)}
            @change=${(e: Event) => this.toggle(group, (e.target as HTMLInputElement).checked)} />
          ${t(GROUP_LABEL[group])}
        </label>
        <div class="legend">
          ${(LEGEND[group] ?? []).map((entry) => html`<span>${swatch(entry)}${t(entry[1])}</span>`)}
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
