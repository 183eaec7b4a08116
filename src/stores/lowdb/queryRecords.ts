/** In-memory filtering, ordering and paging with the same semantics as the SQL backend. */
import type { Page, Query, Where } from '../../domain/ports.js';
import { checkLimit, decodeCursor, encodeCursor, sortKey } from '../../domain/cursor.js';

/** Equality on each field; an array field matches when it contains the value. */
export function matchesWhere(record: object, where: Where<never> | undefined): boolean {
  if (!where) return true;
  for (const [field, wanted] of Object.entries(where)) {
    if (wanted === undefined) continue;
    const actual: unknown = (record as Record<string, unknown>)[field];
    if (Array.isArray(actual) ? !actual.includes(wanted) : actual !== wanted) return false;
  }
  return true;
}

interface Keyed<T> {
  key: string;
  record: T;
}

function compare(a: Keyed<{ id: string }>, b: Keyed<{ id: string }>): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.record.id === b.record.id) return 0;
  return a.record.id < b.record.id ? -1 : 1;
}

export function queryRecords<T extends { id: string }>(records: Iterable<T>, query: Query<T> = {}): Page<T> {
  const { orderBy, descending = false, from, to } = query;
  const limit = checkLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const direction = descending ? -1 : 1;

  // Filter before sorting; with a limit keep only the best limit+1 (a page of 50 out of 100,000
  // records then costs a scan, not a full sort).
  const keep = limit === undefined ? Infinity : limit + 1;
  const order = (a: Keyed<T>, b: Keyed<T>): number => compare(a, b) * direction;
  const selected: Keyed<T>[] = [];
  for (const record of records) {
    if (!matchesWhere(record, query.where as Where<never>)) continue;
    const key = orderBy ? sortKey((record as Record<string, unknown>)[orderBy]) : '';
    if (from !== undefined && key < from) continue;
    if (to !== undefined && key >= to) continue;
    const item = { key, record };
    if (after && compare(item, { key: after.key, record: { id: after.id } }) * direction <= 0) continue;
    if (selected.length < keep) {
      selected.push(item);
      if (selected.length === keep) selected.sort(order);
    } else if (order(item, selected[keep - 1]!) < 0) {
      selected.splice(insertionPoint(selected, item, order), 0, item);
      selected.pop();
    }
  }
  if (selected.length < keep) selected.sort(order);

  if (limit === undefined || selected.length <= limit) return { items: selected.map((s) => s.record) };
  const page = selected.slice(0, limit);
  const last = page[page.length - 1]!;
  return { items: page.map((s) => s.record), next: encodeCursor({ key: last.key, id: last.record.id }) };
}

/** Where `item` goes in the sorted `list` (binary search). */
function insertionPoint<I>(list: I[], item: I, order: (a: I, b: I) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(list[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
