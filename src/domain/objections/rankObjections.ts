/**
 * The objections ranking staff read: by kind (count, lost value, a few examples), and by product ×
 * channel × kind, so it shows where the offer or the knowledge should change.
 */
import type { Objection, ObjectionKind } from './objection.js';

export interface RankedKind {
  kind: ObjectionKind;
  count: number;
  /** Sum of stated budgets of the leads lost to it. */
  lostValue: number;
  examples: Pick<Objection, 'conversationId' | 'evidence' | 'at' | 'product' | 'channel'>[];
}

export interface RankedSegment {
  product: string;
  channel: string;
  kind: ObjectionKind;
  count: number;
  lostValue: number;
}

export function rankObjections(
  objections: readonly Objection[],
  examples = 3,
): { byKind: RankedKind[]; bySegment: RankedSegment[] } {
  const kinds = new Map<ObjectionKind, RankedKind>();
  const segments = new Map<string, RankedSegment>();
  const newestFirst = [...objections].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  for (const o of newestFirst) {
    const k = kinds.get(o.kind) ?? { kind: o.kind, count: 0, lostValue: 0, examples: [] };
    k.count += 1;
    k.lostValue += o.value ?? 0;
    if (k.examples.length < examples) {
      k.examples.push({
        conversationId: o.conversationId,
        evidence: o.evidence,
        at: o.at,
        product: o.product,
        channel: o.channel,
      });
    }
    kinds.set(o.kind, k);
    const key = JSON.stringify([o.product, o.channel, o.kind]);
    const s = segments.get(key) ?? { product: o.product, channel: o.channel, kind: o.kind, count: 0, lostValue: 0 };
    s.count += 1;
    s.lostValue += o.value ?? 0;
    segments.set(key, s);
  }
  const rank = <T extends { count: number; lostValue: number }>(a: T, b: T): number =>
    b.count - a.count || b.lostValue - a.lostValue;
  return { byKind: [...kinds.values()].sort(rank), bySegment: [...segments.values()].sort(rank) };
}
