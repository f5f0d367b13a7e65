/**
 * The wall's ticker: the latest events, newest first. It holds at most `max` entries, so a wall
 * that runs for weeks keeps a constant number of DOM nodes.
 *
 * The list is a plain array, not lit's `repeat()`: in lit-html 3.3.3 `repeat` removes an item
 * with `removePart`, which deletes the item's content and start marker but leaves its end marker
 * comment in the list, so a ticker that drops one entry per event gained one DOM node per event
 * (the wall's soak: 230 → 793 nodes in 23 minutes). An array commit reuses the eight item parts
 * by position and only rewrites their text.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CommunityEvent, DeviceChange } from '../../server/events/bus.ts';
import { wallText, type WallLang } from './strings.ts';

export interface TickerEntry { key: string; time: string; text: string; tone: 'bad' | 'good' | 'info' }

export const TICKER_MAX = 8;

function changeText(c: DeviceChange, lang: WallLang): { text: string; tone: TickerEntry['tone'] } {
  const t = wallText(lang);
  const was = { online: c.before.online === true, intact: c.before.intact === true, imageOut: c.before.imageOut === true };
  const parts: string[] = [];
  let tone: TickerEntry['tone'] = 'info';
  if (was.online !== c.online) { parts.push(c.online ? t('online') : t('offline')); tone = c.online ? 'good' : 'bad'; }
  if (was.intact !== c.intact) { parts.push(c.intact ? t('repaired') : t('broken')); tone = c.intact ? tone : 'bad'; }
  if (was.imageOut !== c.imageOut) { parts.push(c.imageOut ? t('imageBack') : t('noImage')); tone = c.imageOut ? tone : 'bad'; }
  return { text: `${c.name ?? c.featureId} ${parts.join(' · ')}`, tone };
}

/** Ticker entries of one event (a telemetry batch gives one per camera). */
export function entriesOf(event: CommunityEvent, lang: WallLang): TickerEntry[] {
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  if (event.kind === 'edit') {
    return [{ key: `${event.id}`, time: time(event.recordedAt), text: `${wallText(lang)('edited')} (${wallText(lang)('version')} ${event.version})`, tone: 'info' }];
  }
  return event.changes.map((c, i) => ({ key: `${event.id}.${i}`, time: time(c.at), ...changeText(c, lang) }));
}

/** Newest first, capped. */
export const pushEntries = (entries: TickerEntry[], added: TickerEntry[], max = TICKER_MAX): TickerEntry[] =>
  [...added.slice().reverse(), ...entries].filter((e, i, all) => all.findIndex((o) => o.key === e.key) === i).slice(0, max);

@customElement('ct-wall-ticker')
export class CtWallTicker extends LitElement {
  static override styles = css`
    :host { display: block; overflow: hidden; }
    h2 { margin: 0 0 0.4em; font-size: 1em; font-weight: 500; color: #8fa3b8; letter-spacing: 0.05em; }
    ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.25em; }
    li { display: flex; gap: 0.8em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    time { color: #8fa3b8; font-variant-numeric: tabular-nums; flex: none; }
    .bad span { color: #ff7a7a; } .good span { color: #7be3a2; } .info span { color: #cfe3ff; }
    span { overflow: hidden; text-overflow: ellipsis; }
    .empty { color: #6b7c8f; }
  `;

  @property({ attribute: false }) entries: TickerEntry[] = [];
  @property() heading = '';
  @property() emptyText = '';

  override render() {
    return html`<h2>${this.heading}</h2>
      ${this.entries.length === 0 ? html`<div class="empty">${this.emptyText}</div>` : html`<ol>
        ${this.entries.map((e) => html`<li class=${e.tone} data-key=${e.key}><time>${e.time}</time><span>${e.text}</span></li>`)}
      </ol>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-wall-ticker': CtWallTicker }
}
