/**
 * The funnel and knowledge gaps for a period: the cohort is the conversations started in
 * [from, to); their leads and callbacks are followed however late they happened.
 * Every conversation of the period is read into memory, with the leads and callbacks created since
 * `from` — fine for tens of thousands of conversations, not for millions (see README, Limits).
 */
import type { Clock } from '../domain/clock.js';
import type { Embedder } from '../domain/knowledge/embedder.js';
import type { Stores } from '../domain/ports.js';
import { computeFunnel, type Funnel } from './computeFunnel.js';
import { knowledgeGapsBySimilarity, type KnowledgeGap } from './knowledgeGaps.js';
import { maskText } from './mask.js';
import type { FunnelQuery } from './staffParams.js';

const DEFAULT_FUNNEL_DAYS = 30;

export interface FunnelReport extends Funnel {
  from: string;
  to: string;
  knowledgeGaps: KnowledgeGap[];
}

export interface FunnelReportDeps {
  stores: Stores;
  clock: Clock;
  terms: (text: string) => string[];
  /** The sentence model, once it is ready (EMBEDDINGS on): the gaps are then grouped by meaning. */
  sentenceModel?: () => Embedder | undefined;
  onEmbedderError?: (err: unknown) => void;
}

export function createFunnelReport(deps: FunnelReportDeps) {
  const { conversations, leads, callbacks } = deps.stores;
  return async (query: FunnelQuery, options: { masked: boolean }): Promise<FunnelReport> => {
    const to = query.to ?? new Date(deps.clock.now().getTime() + 1).toISOString();
    const from = query.from ?? new Date(Date.parse(to) - DEFAULT_FUNNEL_DAYS * 86_400_000).toISOString();
    const [cohort, leadList, callbackList] = await Promise.all([
      conversations.query({ orderBy: 'startedAt', from, to }),
      leads.query({ orderBy: 'createdAt', from }),
      callbacks.query({ orderBy: 'createdAt', from }),
    ]);
    const funnel = computeFunnel({ conversations: cohort.items, leads: leadList.items, callbacks: callbackList.items });
    const found = await knowledgeGapsBySimilarity(cohort.items, {
      terms: deps.terms,
      embedder: deps.sentenceModel?.(),
      onError: deps.onEmbedderError,
    });
    const gaps = found.map((gap) =>
      options.masked ? { ...gap, question: maskText(gap.question), example: maskText(gap.example) } : gap,
    );
    return { from, to, ...funnel, knowledgeGaps: gaps };
  };
}
