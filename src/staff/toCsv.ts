/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab)
 * are prefixed with an apostrophe, so an export cannot carry a formula typed into the chat.
 */
export type CsvCell = string | number | boolean | undefined | null;

function cell(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line from `columns`, then one line per row, CRLF-separated. */
export function toCsv<R>(rows: Iterable<R>, columns: [header: string, value: (row: R) => CsvCell][]): string {
  const lines = [columns.map(([header]) => cell(header)).join(',')];
  for (const row of rows) lines.push(columns.map(([, value]) => cell(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
