/**
 * A word table keyed by outside input (words of a message, a channel id, a query parameter): a
 * frozen null-prototype object, so "constructor" or "__proto__" finds nothing instead of a
 * function or Object.prototype.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
