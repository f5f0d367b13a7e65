/** The acceptance table as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF, RFC 4180 quoting. */
import type { ReportView } from './document.ts';
import { tableHeader, tableRows, type Cell } from './table.ts';

export const BOM = '\uFEFF';

const quote = (v: Cell) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(view: ReportView): string {
  const lines = [tableHeader(view), ...tableRows(view)].map((cells) => cells.map(quote).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
