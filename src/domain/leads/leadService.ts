/**
 * The lead a conversation becomes: the need in the customer's words, the facts they gave, the
 * products they showed interest in, the funnel stage, and where they came from. Updated as the talk
 * goes on; the stage only moves forward.
 */
import type { Clock } from '../clock.js';
import type { FunnelStage, Lead } from '../model.js';
import type { Collection } from '../ports.js';

interface LeadOrigin {
  channelId: string;
  source?: string;
  medium?: string;
  campaign?: string;
  referrer?: string;
}

interface LeadChange {
  need?: string;
  facts?: Lead['facts'];
  products?: string[];
  stage?: FunnelStage;
  customerId?: string;
}

export interface LeadService {
  get(conversationId: string): Promise<Lead | undefined>;
  /** Creates the conversation's lead when missing and applies the change. */
  note(conversationId: string, origin: LeadOrigin, change: LeadChange): Promise<Lead>;
}

const STAGE_ORDER: FunnelStage[] = ['interest', 'desire', 'ready', 'won'];

function laterStage(a: FunnelStage, b: FunnelStage): FunnelStage {
  if (a === 'lost' || b === 'lost') return b;
  return STAGE_ORDER.indexOf(b) > STAGE_ORDER.indexOf(a) ? b : a;
}

const leadIdOf = (conversationId: string): string => `lead:${conversationId}`;

export function createLeadService(deps: { leads: Collection<Lead>; clock: Clock }): LeadService {
  return {
    get: (conversationId) => deps.leads.get(leadIdOf(conversationId)),
    async note(conversationId, origin, change) {
      const now = deps.clock.now().toISOString();
      const lead = await deps.leads.update(leadIdOf(conversationId), (current) => {
        const base: Lead = current ?? {
          id: leadIdOf(conversationId),
          conversationId,
          facts: {},
          productInterest: [],
          stage: 'interest',
          channelId: origin.channelId,
          source: origin.source,
          medium: origin.medium,
          campaign: origin.campaign,
          referrer: origin.referrer,
          createdAt: now,
          updatedAt: now,
        };
        const next: Lead = {
          ...base,
          need: base.need ?? change.need,
          facts: { ...base.facts, ...change.facts },
          productInterest: [...new Set([...base.productInterest, ...(change.products ?? [])])],
          stage: change.stage ? laterStage(base.stage, change.stage) : base.stage,
          customerId: change.customerId ?? base.customerId,
          updatedAt: base.updatedAt,
        };
        // A note that adds nothing is not written: the lead is already as the conversation says.
        if (current && JSON.stringify(next) === JSON.stringify(current)) return undefined;
        return { ...next, updatedAt: now };
      });
      return lead ?? (await deps.leads.get(leadIdOf(conversationId)))!;
    },
  };
}
