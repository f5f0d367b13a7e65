/** The acceptance table as an XLSX workbook: one sheet, frozen header row, set column widths, wrapped text. */
import ExcelJS from 'exceljs';
import type { ReportView } from './document.ts';
import { tableHeader, tableRows } from './table.ts';

const WIDTHS = [7, 12, 18, 48, 90, 10];
const FILL = { met: 'FFE2F0D9', notmet: 'FFFADBD8', pending: 'FFFFF2CC' } as const;

export async function renderXlsx(view: ReportView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const r = view.report;
  wb.creator = `communitytwin ${r.engineVersion}`;
  wb.title = view.title;
  wb.subject = `${r.standard} · ${r.tier}`;
  wb.description = `${view.summary}\ninputSha256 ${r.inputSha256}\nstandardSha256 ${r.standardSha256 ?? '—'}`;
  if (r.generatedAt) wb.created = wb.modified = new Date(r.generatedAt);
  const sheet = wb.addWorksheet(r.tier, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: {
      oddHeader: `&L${xlsxText(`${r.community.name} · ${r.standard} · ${r.tier}`)}&R${xlsxText(view.summary)}`,
      oddFooter: `&Lengine ${r.engineVersion} · input sha256 ${r.inputSha256}&R&P / &N`,
    },
  });
  sheet.columns = tableHeader(view).map((header, i) => ({ header, key: `c${i}`, width: WIDTHS[i] }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  tableRows(view).forEach((cells, i) => {
    const row = sheet.addRow(cells);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    const pass = view.rows[i].pass;
    row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[pass === true ? 'met' : pass === false ? 'notmet' : 'pending'] } };
    row.getCell(6).alignment = { vertical: 'top', horizontal: 'center' };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: WIDTHS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Header/footer text: `&` starts a code there, so it is doubled. */
const xlsxText = (s: string) => s.replace(/&/g, '&&');
