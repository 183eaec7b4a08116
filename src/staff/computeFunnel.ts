/**
 * The sales funnel of a cohort of conversations (those started in the chosen period), counted per
 * conversation so every stage is comparable. Marketing's view (channel, source, campaign) and
 * sales' view (qualified → won) come from the same counts.
 *
 * A conversation reaches a stage when:
 * - engaged: `activityCount` ≥ 3 (join, greeting and at least one customer message beyond it) or
 *   any outcome recorded;
 * - questionsAnswered / adviceRequested: the `answered` / `advice` outcome;
 * - qualified: its lead is at stage desire or beyond, or holds facts — or it was won;
 * - callbackBooked: a callback belongs to it (directly or through its lead), or the outcome;
 * - reached: one of those callbacks is done with outcome reached, order placed, follow up or not
 *   interested;
 * - won: a callback's outcome is order placed, or its lead is at stage won.
 * Conversion = won / qualified.
 */
import type { Callback, Conversation, Lead } from '../domain/model.js';

const FUNNEL_STAGES = [
  'conversations',
  'engaged',
  'questionsAnswered',
  'adviceRequested',
  'qualified',
  'callbackBooked',
  'reached',
  'won',
] as const;
type FunnelStageName = (typeof FUNNEL_STAGES)[number];
type StageCounts = Record<FunnelStageName, number>;

interface FunnelSegment {
  counts: StageCounts;
  /** won / qualified, or null when nothing qualified. */
  conversion: number | null;
}

export interface Funnel {
  overall: FunnelSegment;
  byChannel: (FunnelSegment & { channel: string })[];
  bySource: (FunnelSegment & { source: string; campaign: string })[];
}

const REACHED = new Set(['reached', 'order_placed', 'follow_up', 'not_interested']);
const QUALIFIED_STAGES = new Set(['desire', 'ready', 'won']);
export const NO_SOURCE = '(direct)';
export const NO_CAMPAIGN = '(none)';

const emptyCounts = (): StageCounts => Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, 0])) as StageCounts;

/** The stages one conversation reached, given its leads and callbacks. */
function stagesOf(conversation: Conversation, leads: Lead[], callbacks: Callback[]): Set<FunnelStageName> {
  const stages = new Set<FunnelStageName>(['conversations']);
  const outcomes = conversation.outcomes;
  if (conversation.activityCount >= 3 || outcomes.length > 0) stages.add('engaged');
  if (outcomes.includes('answered')) stages.add('questionsAnswered');
  if (outcomes.includes('advice')) stages.add('adviceRequested');
  const won = leads.some((l) => l.stage === 'won') || callbacks.some((c) => c.outcome === 'order_placed');
  if (won || leads.some((l) => QUALIFIED_STAGES.has(l.stage) || Object.keys(l.facts).length > 0)) stages.add('qualified');
  if (callbacks.length > 0 || outcomes.includes('callback_booked')) stages.add('callbackBooked');
  if (callbacks.some((c) => c.status === 'done' && c.outcome !== undefined && REACHED.has(c.outcome))) stages.add('reached');
  if (won) stages.add('won');
  return stages;
}

export function computeFunnel(input: { conversations: Conversation[]; leads: Lead[]; callbacks: Callback[] }): Funnel {
  const leadsByConversation = new Map<string, Lead[]>();
  const conversationOfLead = new Map<string, string>();
  for (const lead of input.leads) {
    conversationOfLead.set(lead.id, lead.conversationId);
    leadsByConversation.set(lead.conversationId, [...(leadsByConversation.get(lead.conversationId) ?? []), lead]);
  }
  const callbacksByConversation = new Map<string, Callback[]>();
  for (const callback of input.callbacks) {
    const conversationId = callback.conversationId ?? (callback.leadId && conversationOfLead.get(callback.leadId));
    if (!conversationId) continue;
    callbacksByConversation.set(conversationId, [...(callbacksByConversation.get(conversationId) ?? []), callback]);
  }

  const overall = emptyCounts();
  const byChannel = new Map<string, StageCounts>();
  const bySource = new Map<string, StageCounts>();
  const segment = (map: Map<string, StageCounts>, key: string): StageCounts => {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = emptyCounts()));
    return counts;
  };

  for (const conversation of input.conversations) {
    const leads = leadsByConversation.get(conversation.id) ?? [];
    const stages = stagesOf(conversation, leads, callbacksByConversation.get(conversation.id) ?? []);
    const source = conversation.source ?? leads.find((l) => l.source)?.source ?? NO_SOURCE;
    const campaign = conversation.campaign ?? leads.find((l) => l.campaign)?.campaign ?? NO_CAMPAIGN;
    const targets = [overall, segment(byChannel, conversation.channelId), segment(bySource, JSON.stringify([source, campaign]))];
    for (const stage of stages) for (const counts of targets) counts[stage] += 1;
  }

  const withConversion = (counts: StageCounts): FunnelSegment => ({
    counts,
    conversion: counts.qualified === 0 ? null : counts.won / counts.qualified,
  });
  const largestFirst = <S extends FunnelSegment>(a: S, b: S): number => b.counts.conversations - a.counts.conversations;
  return {
    overall: withConversion(overall),
    byChannel: [...byChannel].map(([channel, counts]) => ({ channel, ...withConversion(counts) })).sort(largestFirst),
    bySource: [...bySource]
      .map(([key, counts]) => {
        const [source, campaign] = JSON.parse(key) as [string, string];
        return { source, campaign, ...withConversion(counts) };
      })
      .sort(largestFirst),
  };
}
