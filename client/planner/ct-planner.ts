/**
 * <ct-planner>: plan mode. A toggle in the side panel; when on, the engine runs a planning
 * Session in a worker (plan-engine.ts) on the shown community and tier, the tools edit the twin,
 * every batch is recomputed there and the app draws the edited twin and its report (plan-change
 * carries a PlanView, null when planning stops). Undo / redo walk the stack of edit batches.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Feature, Polygon, Position } from 'geojson';
import { EditError, type Edit } from '../../engine/edit/index.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { Lang } from '../i18n/index.ts';
import type { CameraViews } from '../worker/engine.ts';
import { EditStack, inverseOf } from './edit-stack.ts';
import { HandleDrag } from './handle-drag.ts';
import { PlanEngine, type Applied } from './plan-engine.ts';
import type { PlanOverlay, PlanView } from './plan-layers.ts';
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';
import { installPlanHook } from './test-hook.ts';
import { featureOf, handlesOf, newId, toolById, type ToolId } from './tools.ts';
import type { Applied as ScenarioApplied, Comparison, Scenario } from './api.ts';
import './ct-plan-deltas.ts';
import './ct-plan-form.ts';
import './ct-plan-tools.ts';
import './ct-scenarios.ts';

@customElement('ct-planner')
export class CtPlanner extends LitElement {
  static override styles = planStyles;

  @property({ attribute: false }) twin: TwinFile | null = null;
  @property({ attribute: false }) cameraViews: CameraViews | null = null;
  @property() community: string | null = null;
  @property() tier = 'basic';
  @property() standard = 'shandong-2022';
  @property() locale: Lang = 'zh';

  @state() private active = false;
  @state() private result: Applied | null = null;
  @state() private error = '';
  @state() private tool: ToolId = 'select';
  @state() private toolType: string | undefined;
  @state() private draft: Position[] = [];
  @state() private selectedId: string | null = null;
  @state() private capturing = false;
  @state() private scenario: Scenario | null = null;
  @state() private comparison: Comparison | null = null;
  @state() private reference: TwinFile | null = null;
  private engine: PlanEngine | null = null;
  private stack = new EditStack();
  private viewPatches = new Map<string, Polygon | null>();
  private gestureBase: TwinFile | null = null;
  /** a scenario was just applied: the next twin from the app is the applied one, planned from scratch */
  private appliedVersion: number | null = null;
  private readonly drag = new HandleDrag({
    mapElement: () => (this.getRootNode() as ShadowRoot).querySelector('ct-map'),
    canDrag: () => this.active && this.tool === 'select',
    featureOf: (id) => {
      const f = this.engine?.twin ? this.engine.projected().features.find((x) => x.properties.id === id) : undefined;
      return f ? { geometry: f.geometry, properties: f.properties as unknown as Record<string, unknown> } : null;
    },
    preview: (edits) => this.preview(edits),
    commit: (edits) => this.commit(edits),
    cancelGesture: () => (this.gestureBase = null),
    changed: () => this.requestUpdate(),
  });
  private overlay: PlanOverlay = this.makeOverlay();

  override connectedCallback() {
    super.connectedCallback();
    installPlanHook(this);
    // capture: in plan mode a click on the map selects for editing (the form below shows the
    // attributes), so the app's read-only feature panel does not open over the scorecard as well
    (this.getRootNode() as ShadowRoot).addEventListener('feature-click', this.onFeatureClick, true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    (this.getRootNode() as ShadowRoot).removeEventListener('feature-click', this.onFeatureClick, true);
    this.stop();
  }

  override render() {
    const t = planTranslator(this.locale);
    const r = this.result;
    const selected = this.selectedId ? r?.twin.features.find((f) => f.properties.id === this.selectedId) ?? null : null;
    return html`
      <button class="toggle" aria-pressed=${this.active} @click=${() => (this.active ? this.stop() : void this.start())}>${t('plan')}</button>
      ${this.active ? html`<section class="planner" aria-label=${t('planTitle')}>
        ${r ? nothing : html`<p class="status">${t('planLoading')}</p>`}
        <ct-plan-tools .locale=${this.locale} .tool=${this.tool} .toolType=${this.toolType} .draftCount=${this.draft.length}
          .canUndo=${this.stack.canUndo} .canRedo=${this.stack.canRedo} .editCount=${this.stack.edits.length}
          @tool-change=${(e: CustomEvent<{ tool: ToolId; type?: string }>) => this.setTool(e.detail.tool, e.detail.type)}
          @draft-finish=${() => this.finishDraft()} @draft-cancel=${() => this.setTool(this.tool, this.toolType)}
          @undo=${() => this.undo()} @redo=${() => this.redo()}></ct-plan-tools>
        ${this.error && !selected ? html`<p class="error" role="alert">${t('errorPrefix')}: ${this.error}</p>` : nothing}
        ${selected ? html`<ct-plan-form .locale=${this.locale} .feature=${selected as Feature} .error=${this.error}
          @plan-preview=${(e: CustomEvent<Edit[]>) => this.preview(e.detail)}
          @plan-commit=${(e: CustomEvent<Edit[]>) => this.commit(e.detail)}
          @plan-close=${() => (this.selectedId = null)}></ct-plan-form>` : nothing}
        <ct-plan-deltas .locale=${this.locale} .result=${r}></ct-plan-deltas>
        <ct-scenarios .locale=${this.locale} .community=${this.community} .tier=${this.tier} .standard=${this.standard}
          .edits=${this.stack.edits} .current=${this.scenario} .comparison=${this.comparison}
          @scenario-open=${(e: CustomEvent<Scenario>) => void this.openScenario(e.detail)}
          @scenario-saved=${(e: CustomEvent<Scenario>) => (this.scenario = e.detail)}
          @scenario-applied=${(e: CustomEvent<ScenarioApplied>) => this.applied(e.detail)}
          @comparison=${(e: CustomEvent<{ comparison: Comparison | null; reference: TwinFile | null }>) => { this.comparison = e.detail.comparison; this.reference = e.detail.reference; }}
        ></ct-scenarios>
      </section>` : nothing}`;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (this.active && (changed.has('tier') || changed.has('standard'))) void this.reopen(this.stack.edits);
    if (this.active && changed.has('twin') && changed.get('twin') !== undefined) void this.rebase();
    if (this.active) this.emitView();
  }

  private async start() {
    if (!this.twin) return;
    this.active = true;
    this.engine = new PlanEngine((r) => this.onResult(r), (e) => this.showError(e));
    this.stack = new EditStack();
    await this.reopen([]);
  }

  private stop() {
    this.drag.cancel();
    this.engine?.terminate();
    this.engine = null;
    this.active = false;
    this.result = null;
    this.scenario = null;
    this.comparison = null;
    this.selectedId = null;
    this.draft = [];
    this.dispatchEvent(new CustomEvent<PlanView | null>('plan-change', { detail: null, bubbles: true, composed: true }));
  }

  /** A fresh session at the current tier with `edits` (the stack's, or a scenario's). */
  private async reopen(edits: Edit[]) {
    if (!this.engine || !this.twin) return;
    this.viewPatches.clear();
    await this.engine.open(this.twin, this.standard, this.tier, edits).catch((e: Error) => this.showError(e));
  }

  private async openScenario(s: Scenario) {
    if (!this.twin) return;
    try {
      const changes = this.engine!.check(s.edits, this.twin);
      this.stack = new EditStack(s.edits.length ? [{ edits: s.edits, inverse: inverseOf(changes) }] : []);
      this.scenario = s;
      this.selectedId = null;
      this.result = null;
      await this.reopen(s.edits);
    } catch (e) {
      this.showError(e as Error);
    }
  }

  /**
   * The app's twin changed under the planner: after an apply, the applied twin is the new
   * baseline and nothing is left to plan; after any other change (a live refresh: telemetry,
   * another user's edit) the same edits are planned on the new twin, or dropped with the reason
   * when they no longer fit it.
   */
  private async rebase() {
    if (!this.engine || !this.twin) return;
    this.drag.cancel();
    let edits = this.stack.edits;
    if (this.appliedVersion !== null) {
      edits = [];
      this.appliedVersion = null;
      this.scenario = null;
      this.comparison = null;
      this.reference = null;
    }
    try {
      this.engine.check(edits, this.twin);
    } catch (e) {
      this.showError(e as Error);
      edits = [];
    }
    if (edits.length === 0) this.stack = new EditStack();
    if (this.selectedId && !this.twin.features.some((f) => f.properties.id === this.selectedId) && !edits.length) this.selectedId = null;
    this.result = null;
    await this.reopen(edits);
  }

  /** A scenario was written to the community: the app loads the applied twin and report, and the planner rebases on it. */
  private applied(detail: ScenarioApplied) {
    this.appliedVersion = detail.version;
    this.dispatchEvent(new CustomEvent<{ community: string | null; version: number }>('plan-applied', {
      detail: { community: this.community, version: detail.version }, bubbles: true, composed: true,
    }));
  }

  private onResult(r: Applied) {
    for (const [id, polygon] of r.views) this.viewPatches.set(id, polygon);
    this.result = r;
    this.error = '';
  }

  private showError(e: Error) {
    this.error = e instanceof EditError ? e.issues.map((i) => `${i.id ?? ''} ${i.field}: ${i.reason}`).join('; ') : e.message;
  }

  /** A batch that a drag or slider will follow with more: recomputed if the worker is free. */
  preview(edits: Edit[]) {
    if (!this.engine) return;
    try {
      this.gestureBase ??= this.engine.projected();
      this.engine.check(edits);
      this.engine.previewBatch(edits);
      this.error = '';
    } catch (e) {
      this.showError(e as Error);
    }
  }

  /** A batch that goes on the undo stack (the end of a gesture, or a single edit). */
  commit(edits: Edit[]): boolean {
    if (!this.engine) return false;
    try {
      const changes = this.engine.check(edits, this.gestureBase ?? this.engine.projected());
      this.stack.push({ edits, inverse: inverseOf(changes) });
      this.engine.commit(edits);
      this.error = '';
      return true;
    } catch (e) {
      this.showError(e as Error);
      return false;
    } finally {
      this.gestureBase = null;
      this.requestUpdate();
    }
  }

  undo() {
    const entry = this.stack.undo();
    if (entry) this.engine?.commit(entry.inverse);
    this.requestUpdate();
  }

  redo() {
    const entry = this.stack.redo();
    if (entry) this.engine?.commit(entry.edits);
    this.requestUpdate();
  }

  select(id: string | null) { this.selectedId = id; }

  /** the planner's state, for tests */
  snapshot() {
    const r = this.result;
    return {
      active: this.active, ready: r !== null && !(this.engine?.busy ?? true), edits: this.stack.edits, error: this.error,
      report: r?.report ?? null, deltas: r?.deltas ?? [], elapsedMs: r?.elapsedMs ?? null, recomputed: r?.recomputed ?? [],
      scenario: this.scenario, twin: this.engine?.twin ?? null, selectedId: this.selectedId,
      handles: this.overlay.handles, activeHandle: this.drag.current,
      compared: this.comparison ? { opened: [...this.overlay.opened], closed: [...this.overlay.closed] } : null,
    };
  }

  private setTool(tool: ToolId, type?: string) {
    this.tool = tool;
    this.toolType = type;
    this.draft = [];
    this.capturing = tool !== 'select';
  }

  private finishDraft() {
    const tool = toolById(this.tool);
    if (!tool || !this.engine?.twin) return;
    const need = tool.draw === 'polygon' ? 3 : tool.draw === 'segment' ? 2 : 1;
    if (this.draft.length < need) return;
    const id = newId(this.engine.projected(), tool.kind);
    if (this.commit([{ op: 'add', feature: featureOf(tool, id, this.draft, this.toolType) }])) this.selectedId = id;
    this.draft = [];
  }

  private readonly onFeatureClick = (event: Event) => {
    if (!this.active || this.tool !== 'select') return;
    event.stopPropagation();
    const id = (event as CustomEvent<Feature | null>).detail?.properties?.id;
    this.selectedId = typeof id === 'string' ? id : null;
  };

  private makeOverlay(): PlanOverlay {
    return {
      selectedId: null, draft: [], capturing: false, handles: [], activeHandle: null, opened: new Set(), closed: new Set(), reference: null, badge: '',
      onMapClick: (at) => this.onMapClick(at),
      onHandleHover: (handle, viewport) => this.drag.hover(handle, viewport),
    };
  }

  private onMapClick(at: Position) {
    const tool = toolById(this.tool);
    if (!tool || this.drag.active) return;
    this.draft = [...this.draft, at];
    if (tool.draw === 'point' || (tool.draw === 'segment' && this.draft.length === 2)) this.finishDraft();
  }

  private emitView() {
    const r = this.result;
    if (!r) return;
    const ids = (key: 'gapsOpened' | 'gapsClosed') => new Set(this.comparison?.checks.flatMap((c) => c[key]) ?? []);
    const selected = this.selectedId && this.tool === 'select' ? r.twin.features.find((f) => f.properties.id === this.selectedId) : undefined;
    this.overlay = {
      ...this.overlay, selectedId: this.selectedId, draft: this.draft, capturing: this.capturing,
      handles: selected ? handlesOf(selected as unknown as Parameters<typeof handlesOf>[0]) : [], activeHandle: null,
      opened: ids('gapsOpened'), closed: ids('gapsClosed'), reference: this.reference, badge: planTranslator(this.locale)('suggested'),
    };
    this.drag.shown(this.overlay.handles);
    this.overlay.activeHandle = this.drag.current;
    let views: CameraViews | null = null;
    if (this.cameraViews) {
      const merged = new Map(this.cameraViews);
      for (const [id, polygon] of this.viewPatches) if (polygon) merged.set(id, polygon); else merged.delete(id);
      views = merged;
    }
    const view: PlanView = { twin: r.twin, report: r.report, cameraViews: views, overlay: this.overlay };
    this.dispatchEvent(new CustomEvent<PlanView | null>('plan-change', { detail: view, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-planner': CtPlanner }
}
