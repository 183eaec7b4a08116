/**
 * The opaque paging cursor both backends hand out: the sort key and id of the last record of a
 * page, as base64url JSON. Backends share it so a cursor means the same thing everywhere.
 */
import { ValidationError } from './errors.js';

export interface CursorPosition {
  /** The orderBy value of the last record (as a string), or '' when ordering by id only. */
  key: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through: any malformed cursor gets the same error
  }
  throw new ValidationError('invalid paging cursor');
}

/** The string a field sorts and compares by: what PostgreSQL's `coalesce(doc->>field, '')` gives. */
export function sortKey(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Checks a page size: a positive integer, or undefined for "everything". */
export function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 1) throw new ValidationError(`invalid page limit ${limit}`);
  return limit;
}
