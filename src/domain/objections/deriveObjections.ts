/**
 * Reads the objections out of what a conversation already stored: its outcomes, the questions the
 * bot could not answer, what the customer wrote, and staff's notes on its callbacks. Only
 * conversations that showed interest (a lead, or an engaged talk) and did not go on (no order
 * request, no callback booked unless staff later marked it "not interested", no win) have any.
 *
 * The cues are generic sales language (price, delivery area, notice, dietary needs, hours, a
 * person); what the business sells comes from the lead's product interest, never from here.
 */
import type { Callback, Conversation, Lead, OrderRequest } from '../model.js';
import { NO_PRODUCT, type Objection, type ObjectionKind } from './objection.js';

export interface ConversationFacts {
  conversation: Conversation;
  lead?: Lead;
  callbacks: Callback[];
  orders: OrderRequest[];
  /** What the customer wrote, in order. */
  customerTexts: string[];
  /** Whether the business was open when the conversation started. */
  startedWhileOpen: boolean;
  origin: { channel: string; source: string; campaign: string };
}

const CUES: [ObjectionKind, RegExp][] = [
  [
    'price',
    /\b(too (expensive|pricey|dear|much)|expensive|cheaper|can'?t afford|afford|over (my|our) budget|out of (my|our) budget|discount|overpriced|costs? too)\b/i,
  ],
  [
    'area_not_served',
    /\b((do ?n[o']?t|do not|not|no) deliver(y|ing)?( to| there| here| out)?|outside (your|the) (delivery )?(area|zone)|too far|not in your (area|zone)|don'?t cover)\b/i,
  ],
  [
    'notice_too_short',
    /\b(not enough (time|notice)|too (late|short notice)|short notice|(need|want) (it|them|one) (today|tonight|tomorrow)|by tomorrow|same[- ]day|any sooner|earlier than that|can'?t wait)\b/i,
  ],
  [
    'dietary_need',
    /\b(gluten|coeliac|celiac|vegan|dairy[- ]free|lactose|nut[- ]free|allerg(y|ies|ic)|halal|kosher|egg[- ]free|sugar[- ]free|diabetic)\b/i,
  ],
  [
    'wanted_person',
    /\b((real|actual|live) (person|human|people)|a human|speak (to|with) (someone|somebody|a person|staff|a manager|the owner)|talk (to|with) (someone|somebody|a person|staff|a manager)|not a (bot|robot))\b/i,
  ],
  ['out_of_hours', /\b(you'?re closed|are closed|closed (now|today)|not open|open (now|later|tomorrow)|after hours)\b/i],
];

/** True when the conversation ended without the customer going on to order or be called. */
function didNotGoOn(f: Pick<ConversationFacts, 'conversation' | 'lead' | 'callbacks' | 'orders'>): boolean {
  const { conversation, lead, callbacks, orders } = f;
  if (lead?.stage === 'won' || orders.length > 0 || conversation.outcomes.includes('order_request')) return false;
  if (callbacks.some((c) => c.outcome === 'order_placed')) return false;
  const booked = callbacks.length > 0 || conversation.outcomes.includes('callback_booked');
  return !booked || callbacks.some((c) => c.outcome === 'not_interested');
}

const interested = (f: ConversationFacts): boolean =>
  f.lead !== undefined || f.conversation.activityCount >= 3 || f.conversation.unanswered.length > 0;

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 297)}...` : text);

export function deriveObjections(f: ConversationFacts): Objection[] {
  if (!interested(f) || !didNotGoOn(f)) return [];
  const found = new Map<ObjectionKind, string>();
  const texts = [...f.customerTexts, ...f.callbacks.map((c) => c.note ?? '').filter(Boolean)];
  for (const [kind, cue] of CUES) {
    const said = texts.find((t) => cue.test(t));
    if (said) found.set(kind, said);
  }
  const { conversation } = f;
  if (conversation.outcomes.includes('handed_off') && !found.has('wanted_person')) {
    found.set('wanted_person', 'asked to be handed to a person');
  }
  if (conversation.unanswered.length > 0) found.set('no_answer', conversation.unanswered[0]!);
  // Out of hours only counts when the closed business stood in the way: the customer wanted a
  // person or said so while it was closed.
  if (found.has('out_of_hours') && f.startedWhileOpen) found.delete('out_of_hours');
  if (!f.startedWhileOpen && found.has('wanted_person') && !found.has('out_of_hours')) {
    found.set('out_of_hours', found.get('wanted_person')!);
  }

  const budget = f.lead?.facts.budget;
  const product = f.lead?.productInterest[0] ?? f.orders[0]?.items[0]?.product ?? NO_PRODUCT;
  return [...found].map(([kind, evidence]) => ({
    id: `${conversation.id}|${kind}`,
    kind,
    conversationId: conversation.id,
    leadId: f.lead?.id,
    customerId: conversation.customerId ?? f.lead?.customerId,
    product,
    ...f.origin,
    at: conversation.startedAt,
    evidence: clip(evidence.trim()),
    ...(typeof budget === 'number' && budget >= 0 ? { value: budget } : {}),
  }));
}
