/**
 * The objections ranking for a period (by the day the conversation started): by kind with example
 * conversations, and by product × channel × kind. Reads the objections the daily roll-up recorded.
 */
import type { Stores } from '../domain/ports.js';
import { rankObjections, type RankedKind, type RankedSegment } from '../domain/objections/rankObjections.js';
import type { DailyRollup } from './dailyRollup.js';
import { maskText } from './mask.js';

export interface ObjectionsReport {
  from?: string;
  to?: string;
  total: number;
  byKind: RankedKind[];
  bySegment: RankedSegment[];
}

export function createObjectionsReport(deps: { stores: Pick<Stores, 'objections'>; rollup: DailyRollup }) {
  return async (query: { from?: string; to?: string }, options: { masked: boolean }): Promise<ObjectionsReport> => {
    await deps.rollup.catchUp();
    const page = await deps.stores.objections.query({ orderBy: 'at', from: query.from, to: query.to });
    const ranked = rankObjections(page.items);
    const byKind = ranked.byKind.map((k) => ({
      ...k,
      examples: k.examples.map((e) => (options.masked ? { ...e, evidence: maskText(e.evidence) } : e)),
    }));
    return { from: query.from, to: query.to, total: page.items.length, byKind, bySegment: ranked.bySegment };
  };
}
