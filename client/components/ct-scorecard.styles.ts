import { css } from 'lit';

/**
 * Outcomes are told by a glyph and a word, never by colour alone; the colours are from the
 * Okabe–Ito set (blue / vermilion / amber), which stay apart for red–green colour blindness.
 */
export const scorecardStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; font-size: 13px; }
  .tiers { display: flex; gap: 4px; margin-bottom: 8px; }
  .tiers button { flex: 1; padding: 5px 0; border: 1px solid #b9c0c8; background: #fff; border-radius: 4px; cursor: pointer; font: inherit; }
  .tiers button[aria-pressed='true'] { background: #1f4f7a; color: #fff; border-color: #1f4f7a; }
  button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  .summary { color: #4a5058; margin: 0 0 6px; }
  .rows { overflow-y: auto; min-height: 0; flex: 1; }
  table { border-collapse: collapse; width: 100%; }
  th { position: sticky; top: 0; background: #f3f4f6; text-align: left; font-weight: 500; padding: 4px; z-index: 1; }
  td { padding: 4px; border-top: 1px solid #e5e7ea; vertical-align: top; }
  tr.row, tr.check { cursor: pointer; }
  tr.row:hover, tr.check:hover { background: #f5f8fb; }
  tr[aria-selected='true'] { background: #fde7f0; }
  .pick { all: unset; cursor: pointer; border-radius: 3px; }
  .pick:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  tr.check { color: #4a5058; font-size: 11.5px; }
  tr.check td { border-top: none; padding-top: 0; }
  tr.check td:nth-child(2) { padding-left: 12px; }
  .badge { display: inline-block; padding: 1px 6px; border-radius: 9px; font-size: 11px; white-space: nowrap; border: 1px solid transparent; }
  .pass, .attested { background: #dceefa; color: #0a4f80; }
  .fail { background: #ffe3d3; color: #9a3600; border-color: #d55e00; font-weight: 500; }
  .attestationNeeded { background: #f3f0e4; color: #6b5300; border-style: dashed; border-color: #b39a4a; }
  .mark { display: inline-block; min-width: 16px; text-align: center; border-radius: 8px; font-weight: 600; }
  .mark.pass, .mark.attested { color: #0a4f80; background: none; }
  .mark.fail { color: #fff; background: #d55e00; border: none; }
  .mark.attestationNeeded { color: #6b5300; background: none; border: none; }
`;
