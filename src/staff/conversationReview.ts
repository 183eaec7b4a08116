/**
 * Reviewing conversations: the list staff filter and page through, one transcript with what came
 * of it, and the reviewer's tags, note, rating and reviewed flag.
 *
 * Text search (`q`) looks at the conversation's metadata and unanswered questions first; only
 * when those do not match does it read the transcript, and at most `TRANSCRIPT_SEARCH_LIMIT`
 * transcripts per request — a page may then come back short, with a cursor to search on.
 */
import type { Clock } from '../domain/clock.js';
import type { Callback, Conversation, ConversationOutcome, Customer, Lead, TranscriptEntry } from '../domain/model.js';
import type { Stores } from '../domain/ports.js';
import { outcomesOf, RECORDED_OUTCOMES } from './conversationOutcomes.js';
import { maskCallback, maskCustomer, maskEntry, maskLead, maskText } from './mask.js';
import { scanPage } from './scanPage.js';
import type { ConversationListQuery, ConversationPatch } from './staffParams.js';

const TRANSCRIPT_SEARCH_LIMIT = 100;

export interface ConversationSummary extends Conversation {
  /** Recorded and derived outcomes (see conversationOutcomes). */
  outcomes: ConversationOutcome[];
  customerName?: string;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  transcript: TranscriptEntry[];
  customer?: Customer;
  leads: Lead[];
  callbacks: Callback[];
}

export interface ReviewOptions {
  /** Mask contact details (viewers). */
  masked: boolean;
}

export function createConversationReview(deps: { stores: Stores; clock: Clock }) {
  const { conversations, transcripts, customers, leads, callbacks } = deps.stores;

  const summarise = (c: Conversation, masked: boolean, customer?: Customer): ConversationSummary => ({
    ...c,
    outcomes: outcomesOf(c, deps.clock.now()),
    unanswered: masked ? c.unanswered.map(maskText) : c.unanswered,
    note: masked && c.note ? maskText(c.note) : c.note,
    customerName: customer?.name,
  });

  return {
    async list(query: ConversationListQuery, options: ReviewOptions) {
      const now = deps.clock.now();
      const stored = query.outcome && RECORDED_OUTCOMES.has(query.outcome) ? query.outcome : undefined;
      const needle = query.q?.toLowerCase();
      let transcriptsRead = 0;
      const accept = async (c: Conversation): Promise<boolean | 'stop'> => {
        if (query.outcome && !stored && !outcomesOf(c, now).includes(query.outcome)) return false;
        if (!needle) return true;
        if (metadataText(c).includes(needle)) return true;
        if (transcriptsRead >= TRANSCRIPT_SEARCH_LIMIT) return 'stop';
        transcriptsRead += 1;
        return (await transcripts.read(c.id)).some((e) => e.text?.toLowerCase().includes(needle));
      };
      const page = await scanPage(
        conversations,
        {
          where: { ...(query.channel ? { channelId: query.channel } : {}), ...(stored ? { outcomes: stored } : {}) },
          orderBy: 'lastActivityAt',
          descending: true,
          from: query.from,
          to: query.to,
          cursor: query.cursor,
          limit: query.limit,
        },
        query.outcome && !stored ? accept : needle ? accept : undefined,
      );
      const ids = [...new Set(page.items.flatMap((c) => (c.customerId ? [c.customerId] : [])))];
      const found = new Map((await Promise.all(ids.map((id) => customers.get(id)))).flatMap((c) => (c ? [[c.id, c]] : [])));
      return {
        items: page.items.map((c) => summarise(c, options.masked, c.customerId ? found.get(c.customerId) : undefined)),
        next: page.next,
        scanned: page.scanned,
      };
    },

    async get(id: string, options: ReviewOptions): Promise<ConversationDetail | undefined> {
      const conversation = await conversations.get(id);
      if (!conversation) return undefined;
      const [transcript, customer, leadList, callbackList] = await Promise.all([
        transcripts.read(id),
        conversation.customerId ? customers.get(conversation.customerId) : undefined,
        leads.findBy('conversationId', id),
        callbacks.findBy('conversationId', id),
      ]);
      const { masked } = options;
      return {
        conversation: summarise(conversation, masked, customer),
        transcript: masked ? transcript.map(maskEntry) : transcript,
        customer: customer && (masked ? maskCustomer(customer) : customer),
        leads: masked ? leadList.map(maskLead) : leadList,
        callbacks: masked ? callbackList.map(maskCallback) : callbackList,
      };
    },

    /** Applies the reviewer's changes; undefined when there is no such conversation. */
    async patch(id: string, patch: ConversationPatch): Promise<Conversation | undefined> {
      return conversations.update(id, (current) => {
        if (!current) return undefined;
        const next: Conversation = { ...current };
        if (patch.tags !== undefined) next.tags = [...new Set(patch.tags)];
        if (patch.reviewed !== undefined) next.reviewed = patch.reviewed;
        if (patch.note !== undefined) next.note = patch.note ?? undefined;
        if (patch.rating !== undefined) next.rating = patch.rating ?? undefined;
        return next;
      });
    },
  };
}

export type ConversationReview = ReturnType<typeof createConversationReview>;

/** What `q` is matched against before any transcript is read. */
function metadataText(c: Conversation): string {
  return [c.id, c.channelId, c.userId, c.customerId, c.source, c.campaign, c.note, ...c.tags, ...c.unanswered]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}
