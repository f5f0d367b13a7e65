/**
 * The wall's look: dark, and sized in viewport units so that the same layout reads from 5 m on
 * a 1920×1080 and on a 3840×2160 screen (1em = 1.25vw: 24 px on HD, 48 px on 4K).
 */
import { css } from 'lit';

export const wallStyles = css`
  :host { position: fixed; inset: 0; display: block; overflow: hidden; background: #0b0f14; color: #e8eef5;
    font-family: 'Noto Sans SC', system-ui, sans-serif; font-size: clamp(14px, 1.25vw, 96px); line-height: 1.3; }
  /* deck.gl's canvas sets its own z-index: keep it inside the map's stacking context, under the panels */
  ct-wall-map { position: absolute; inset: 0; z-index: 0; isolation: isolate; }
  header, ct-wall-ticker, .tiles, .caption, .error { z-index: 1; }
  header { position: absolute; top: 0; left: 0; right: 0; display: flex; align-items: baseline; gap: 1.2em; padding: 0.8em 1.3em 2em;
    background: linear-gradient(rgba(11,15,20,0.92), rgba(11,15,20,0)); pointer-events: none; }
  h1 { margin: 0; font-size: 2.2em; font-weight: 500; letter-spacing: 0.04em; }
  .target { color: #8fa3b8; font-size: 1.1em; }
  .conn { margin-left: auto; font-size: 1em; padding: 0.15em 0.8em; border-radius: 1em; }
  .conn::before { content: ''; display: inline-block; width: 0.6em; height: 0.6em; border-radius: 50%; margin-right: 0.5em; background: currentColor; }
  .conn.live { color: #7be3a2; background: rgba(40,120,70,0.25); }
  .conn.reconnecting, .conn.connecting { color: #ffc857; background: rgba(160,110,0,0.3); animation: blink 1.2s ease-in-out infinite; }
  @keyframes blink { 50% { opacity: 0.45; } }
  .error { position: absolute; top: 5em; left: 50%; transform: translateX(-50%); background: #5a1d1d; padding: 0.5em 1em; border-radius: 0.3em; }
  ct-wall-ticker { position: absolute; left: 1.3em; top: 5.2em; width: 22em; max-height: calc(100% - 14em); padding: 0.8em 1em;
    background: rgba(13,18,25,0.84); border-radius: 0.4em; font-size: 0.95em; }
  .tiles { position: absolute; top: 5.2em; right: 1.3em; width: 24em; display: grid; grid-template-columns: 1fr 1fr; gap: 0.6em; }
  .tile { background: rgba(13,18,25,0.88); border-radius: 0.4em; padding: 0.55em 0.8em; border-left: 0.3em solid #51606f; min-width: 0; }
  .tile.pass { border-left-color: #3ccf7a; } .tile.fail { border-left-color: #ff5d5d; }
  .tile.wide { grid-column: span 2; display: flex; align-items: baseline; justify-content: space-between; gap: 0.6em; }
  .label { color: #a9b8c8; font-size: 0.85em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .value { font-size: 2em; font-weight: 500; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .tile.fail .value { color: #ff8a8a; } .tile.pass .value { color: #b6f5cf; }
  .tier .value { font-size: 2.4em; } .devices .value { color: #cfe3ff; } small { font-size: 0.5em; color: #8fa3b8; }
  .threshold { color: #8fa3b8; font-size: 0.8em; }
  .caption { position: absolute; left: 1.3em; bottom: 1.3em; max-width: 58%; padding: 0.6em 1em; border-radius: 0.4em;
    background: rgba(13,18,25,0.9); border-left: 0.3em solid #ff5d5d; }
  .caption.overview { border-left-color: #5aa9ff; }
  .caption .title { font-size: 1.5em; font-weight: 500; }
  .caption .detail { font-size: 1em; color: #c6d3e0; margin-top: 0.2em; }
`;
