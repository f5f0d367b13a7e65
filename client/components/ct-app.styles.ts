import { css } from 'lit';

export const appStyles = css`
  :host { display: block; position: relative; width: 100%; height: 100%; color: #1f2328; }
  ct-map { position: absolute; inset: 0; z-index: 0; isolation: isolate; }
  aside, ct-layers { z-index: 1; background: rgba(255,255,255,0.96); border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.18); box-sizing: border-box; }
  aside { position: absolute; top: 10px; right: 10px; bottom: 10px; width: 440px; display: flex; flex-direction: column; gap: 8px;
    padding: 10px 12px; }
  header { display: flex; align-items: center; gap: 8px; }
  h1 { font-size: 15px; font-weight: 500; margin: 0; flex: 1; }
  select, .lang { font: inherit; font-size: 12px; }
  .lang { border: 1px solid #b9c0c8; background: #fff; border-radius: 4px; cursor: pointer; padding: 2px 8px; }
  select:focus-visible, .lang:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
  ct-scorecard { flex: 1; min-height: 0; }
  ct-feature-info { border-top: 1px solid #e5e7ea; padding-top: 6px; max-height: 35%; overflow-y: auto; }
  ct-layers { position: absolute; left: 10px; bottom: 10px; max-height: calc(100% - 140px); width: 290px; overflow-y: auto; padding: 6px 10px; }
  @media (max-width: 800px) {
    aside { top: auto; left: 10px; width: auto; height: 45%; }
    ct-layers { bottom: calc(45% + 20px); }
  }
`;
