/** How records are spread over shard files. */

/** FNV-1a over UTF-16 code units: stable across versions and platforms, fast, good enough spread. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function shardIndex(id: string, shards: number): number {
  return hashOf(id) % shards;
}

/** `07.json` for shard 7 of 64; the width grows with the shard count. */
export function shardFileName(index: number, shards: number): string {
  return `${String(index).padStart(String(shards - 1).length, '0')}.json`;
}

/** Codec for a shard: a JSON array of records on disk, a Map by key in memory. */
export function mapCodec(keyOf: (record: Record<string, unknown>) => unknown) {
  return {
    parse(text: string): Map<string, unknown> {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error('a shard file must hold a JSON array');
      const map = new Map<string, unknown>();
      parsed.forEach((record: unknown, index) => {
        const key = record && typeof record === 'object' ? keyOf(record as Record<string, unknown>) : undefined;
        // A record without a usable key is kept under a key no caller can produce, so it is
        // preserved on disk (and reported as corrupt) instead of silently dropped.
        map.set(typeof key === 'string' ? key : `\u0000unkeyed:${index}`, record);
      });
      return map;
    },
    stringify(data: Map<string, unknown>): string {
      return JSON.stringify([...data.values()]);
    },
  };
}
