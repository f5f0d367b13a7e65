import { css } from 'lit';

export const districtStyles = css`
  :host { position: fixed; inset: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(560px, 42%); background: #eef0ec; color: #1f2328;
    font-family: 'Noto Sans SC', system-ui, sans-serif; font-size: 14px; }
  ct-district-map { min-height: 0; z-index: 0; isolation: isolate; }
  section { z-index: 1; }
  section { display: flex; flex-direction: column; min-height: 0; padding: 12px 14px; gap: 8px; background: #fff; box-shadow: -2px 0 10px rgba(0,0,0,.12); }
  header { display: flex; align-items: baseline; gap: 12px; }
  h1 { margin: 0; font-size: 20px; font-weight: 500; }
  .count, .muted { color: #66707a; }
  .progress { margin-left: auto; color: #8a5a00; }
  .legend { display: flex; gap: 14px; flex-wrap: wrap; }
  .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
  .filters { display: flex; gap: 8px; }
  select, input { font: inherit; padding: 3px 6px; border: 1px solid #b9c0c8; border-radius: 4px; }
  input { flex: 1; }
  .error { color: #b3261e; }
  .table { flex: 1; min-height: 0; overflow-y: auto; }
  table { width: 100%; border-collapse: collapse; }
  th { position: sticky; top: 0; background: #f4f5f7; text-align: left; font-weight: 500; padding: 5px 6px; white-space: nowrap; }
  td { padding: 5px 6px; border-top: 1px solid #eceef1; vertical-align: top; }
  tr.community { cursor: pointer; }
  tr.community:hover { background: #f3f7fd; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .name { white-space: nowrap; }
  .tier { color: #fff; border-radius: 3px; padding: 1px 6px; white-space: nowrap; font-size: 12px; }
  .failing { max-width: 240px; } .failing .muted { font-size: 12px; }
  .bad { color: #b3261e; }
`;
