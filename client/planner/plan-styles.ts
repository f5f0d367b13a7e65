import { css } from 'lit';

/** Shared by the planner's components (small controls in the side panel). */
export const planStyles = css`
  :host { display: block; font-size: 12px; }
  :host(ct-planner) { flex-shrink: 0; max-height: 52vh; overflow-y: auto; border-top: 1px solid #e5e7ea; padding-top: 6px; }
  button, select, input { font: inherit; font-size: 12px; }
  button { border: 1px solid #b9c0c8; background: #fff; border-radius: 4px; cursor: pointer; padding: 2px 8px; }
  button[aria-pressed='true'] { background: #1a73e8; border-color: #1a73e8; color: #fff; }
  button:disabled { opacity: .45; cursor: default; }
  button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  .toggle { font-weight: 600; }
  .planner { display: flex; flex-direction: column; gap: 8px; margin-top: 6px; }
  h2 { font-size: 13px; font-weight: 600; margin: 4px 0; }
  .row { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
  .hint, .status { color: #57606a; margin: 0; }
  .error { color: #b42318; background: #fef3f2; border: 1px solid #fecdca; border-radius: 4px; padding: 4px 6px; margin: 0; white-space: pre-wrap; }
  .ok { color: #05603a; margin: 0; }
  label { display: grid; grid-template-columns: 110px 1fr 56px; gap: 6px; align-items: center; }
  label output { text-align: right; font-variant-numeric: tabular-nums; }
  table { border-collapse: collapse; width: 100%; }
  td, th { padding: 2px 4px; text-align: left; border-bottom: 1px solid #eef0f2; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .up { color: #05603a; }
  .down { color: #b42318; }
  .timing { color: #57606a; font-variant-numeric: tabular-nums; }
  .badge { display: inline-block; background: #7c3aed; color: #fff; border-radius: 3px; padding: 0 4px; font-size: 11px; }
  ul { list-style: none; padding: 0; margin: 0; }
  li { display: flex; gap: 4px; align-items: center; padding: 2px 0; border-bottom: 1px solid #eef0f2; }
  li .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  li[aria-current='true'] .name { font-weight: 600; }
  .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; }
  .side { display: flex; flex-direction: column; gap: 2px; border: 1px solid #d0d7de; border-radius: 4px; padding: 4px 6px; min-width: 0; }
  .side strong { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .side span { color: #57606a; }
  tr.differs td { font-weight: 600; background: #f6f8fa; }
  .compare .mark { display: inline-block; width: 1.2em; text-align: center; margin-left: 2px; }
  .compare th { font-weight: 600; max-width: 90px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;
