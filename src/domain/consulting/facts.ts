/**
 * What a consultation has learnt, per need id. Plain JSON, so it lives in conversation state.
 * A need answered with "nothing to consider" is known (never asked again) but filters nothing.
 */
export type FactValue =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'date'; iso: string; text: string }
  | { kind: 'values'; values: string[] }
  | { kind: 'none' };

export type ConsultFacts = Record<string, FactValue>;

export interface Merged {
  /** Needs heard for the first time in this message. */
  fresh: string[];
  /** Needs whose earlier value this message corrected. */
  changed: string[];
}

/** Merges what was heard into what is known (in place); a new value for a known need is a correction. */
export function mergeFacts(known: ConsultFacts, heard: ConsultFacts): Merged {
  const merged: Merged = { fresh: [], changed: [] };
  for (const [id, value] of Object.entries(heard)) {
    const before = known[id];
    if (before && sameFact(before, value)) continue;
    // "No allergies" after "vegan" was heard in the same conversation is not a correction of it.
    if (before && before.kind !== 'none' && value.kind === 'none') continue;
    (before ? merged.changed : merged.fresh).push(id);
    known[id] = value;
  }
  return merged;
}

function sameFact(a: FactValue, b: FactValue): boolean {
  if (a.kind === 'number' && b.kind === 'number') return a.value === b.value;
  if (a.kind === 'date' && b.kind === 'date') return a.iso.slice(0, 10) === b.iso.slice(0, 10);
  if (a.kind === 'values' && b.kind === 'values') return [...a.values].sort().join('|') === [...b.values].sort().join('|');
  return a.kind === b.kind;
}

/** Facts as flat words, for lead records ("servings: 20", "dietary: vegan"). */
export function flatFacts(facts: ConsultFacts): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [id, f] of Object.entries(facts)) {
    if (f.kind === 'number') out[id] = f.value;
    else if (f.kind === 'date') out[id] = f.iso.slice(0, 10);
    else if (f.kind === 'values') out[id] = f.values.join(', ');
    else out[id] = 'none';
  }
  return out;
}

/** What the order dialog takes over from the conversation (a recommended product, a date). */
export interface NeedFacts {
  /** Canonical business.yaml product names. */
  products?: string[];
  quantity?: number;
  /** ISO date (business time zone). */
  date?: string;
  fulfilment?: 'delivery' | 'pickup';
  area?: string;
}
