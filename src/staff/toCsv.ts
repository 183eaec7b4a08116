/**
 * RFC 4180 CSV through csv-stringify. Cells that a spreadsheet would run as a formula (starting with
 * = + - @ or a tab) are prefixed with an apostrophe, so an export cannot carry a formula typed into
 * the chat.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | undefined | null;

const defused = (value: CsvCell): CsvCell => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** A header line from `columns`, then one line per row, CRLF-separated. */
export function toCsv<R>(rows: Iterable<R>, columns: [header: string, value: (row: R) => CsvCell][]): string {
  const records = [columns.map(([header]) => defused(header))];
  for (const row of rows) records.push(columns.map(([, value]) => defused(value(row))));
  return stringify(records, { record_delimiter: 'windows', cast: { boolean: (b) => String(b) } });
}
