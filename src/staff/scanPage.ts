/**
 * Cursor paging with a filter the store cannot apply (derived outcomes, text search): reads the
 * collection in order, batch by batch, keeps what `accept` takes, and stops at `limit` matches or
 * after `budget` records. A page cut short by the budget still returns a cursor, so the caller can
 * go on; every request therefore costs at most `budget` records read.
 */
import type { Collection, Page, Query } from '../domain/ports.js';
// The cursor format is shared by every backend (see stores/cursor.ts), so a cursor can be made to
// point right after any record — needed when a page fills up in the middle of a batch.
import { encodeCursor, sortKey } from '../domain/cursor.js';

export interface ScannedPage<T> extends Page<T> {
  /** Records read to fill this page. */
  scanned: number;
}

export async function scanPage<T extends { id: string }>(
  collection: Collection<T>,
  query: Query<T> & { orderBy: keyof T & string; limit: number },
  /** Keep the record (true), skip it (false), or end the page before it ('stop'). */
  accept?: (record: T) => boolean | 'stop' | Promise<boolean | 'stop'>,
  budget = 2000,
): Promise<ScannedPage<T>> {
  const items: T[] = [];
  let cursor = query.cursor;
  let scanned = 0;
  let lastScanned: T | undefined;
  const after = (record: T): string =>
    encodeCursor({ key: sortKey((record as Record<string, unknown>)[query.orderBy]), id: record.id });

  while (scanned < budget) {
    const wanted = query.limit - items.length;
    const batch = Math.min(accept ? Math.max(wanted * 4, 25) : wanted, budget - scanned);
    const page = await collection.query({ ...query, cursor, limit: batch });
    for (const [index, record] of page.items.entries()) {
      const verdict = accept ? await accept(record) : true;
      if (verdict === 'stop') return { items, next: lastScanned ? after(lastScanned) : cursor, scanned };
      scanned += 1;
      lastScanned = record;
      if (!verdict) continue;
      items.push(record);
      if (items.length === query.limit) {
        const last = index === page.items.length - 1;
        return { items, next: last && !page.next ? undefined : after(record), scanned };
      }
    }
    if (!page.next) return { items, scanned };
    cursor = page.next;
  }
  return { items, next: cursor, scanned };
}
