/**
 * Understanding with a language model, in the offline recognizer's shape. One call per message
 * returns the intent, the simple entities and the L.A.M.A. "listen" facts. The offline recognizer
 * always runs too and stays authoritative for what libraries validate (phone numbers, e-mail, dates
 * and times, reference codes) and for intents its rules are sure of; the model fills what the rules
 * missed, and only with values the message itself supports. Any failure: the offline result.
 */
import { z } from 'zod';
import {
  INTENTS,
  type Entities,
  type Recognizer,
  type RecognizerContext,
  type Understanding,
} from '../domain/understanding/types.js';
import { numbersIn } from './factCheck.js';
import type { LlmClient } from './openAiClient.js';
import { clip, DATA_RULE, dataMessage } from './promptData.js';

const short = z.string().trim().min(1).max(80);
const count = z.number().int().positive().max(10_000);

const ModelUnderstandingSchema = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().min(0).max(1).optional(),
  entities: z
    .object({
      name: short.optional(),
      quantity: count.optional(),
      servings: count.optional(),
      products: z.array(short).max(10).optional(),
      budget: z.object({ amount: z.number().positive(), currency: z.string().max(4).optional() }).optional(),
    })
    .default({}),
  listened: z
    .object({
      occasion: short.optional(),
      dietary: short.optional(),
      preference: short.optional(),
      fulfilment: z.enum(['delivery', 'pickup']).optional(),
    })
    .default({}),
});
type ModelUnderstanding = z.infer<typeof ModelUnderstandingSchema>;

/** Offline intents at or above this confidence are explicit phrasings the model does not overrule. */
const RULES_ARE_SURE = 0.9;

const INTENT_GUIDE = [
  'question: asks about products, prices, delivery, opening hours or policies',
  'advice: asks for help choosing or a recommendation',
  'callback: wants someone to call them back',
  'human: wants to talk to a person now',
  'identity: asks whether they are talking to a bot or a person ("are you a bot?")',
  'order: wants to order or place an order request',
  'browsing: just looking, no help wanted',
  'cancel: wants to stop what is in progress, or cancel a booked callback',
  'restart: wants to start over',
  'help: asks what the bot can do',
  'forget_me: wants their personal data deleted',
  'greeting, thanks, goodbye, affirm (yes), deny (no)',
  'none: anything else',
].join('\n');

export interface LlmRecognizerDeps {
  client: LlmClient;
  offline: Recognizer;
}

export class LlmRecognizer implements Recognizer {
  constructor(private readonly deps: LlmRecognizerDeps) {}

  async recognize(text: string, context: RecognizerContext): Promise<Understanding> {
    const offline = await this.deps.offline.recognize(text, context);
    const result = await this.deps.client.completeJson({
      name: 'understanding',
      system: systemPrompt(context),
      user: dataMessage({ message: clip(text), products: context.products }),
      schema: ModelUnderstandingSchema,
      maxTokens: 300,
    });
    return result.ok ? merge(offline, result.value, context) : offline;
  }
}

function merge(offline: Understanding, model: ModelUnderstanding, context: RecognizerContext): Understanding {
  const keepRules = offline.intent !== 'none' && offline.confidence >= RULES_ARE_SURE;
  const said = offline.text.toLowerCase();
  const saidNumbers = numbersIn(offline.text);
  const inText = (n: number | undefined): n is number => n !== undefined && saidNumbers.has(String(n));
  const e: Entities = { ...offline.entities };
  const m = model.entities;
  if (!e.name && m.name && said.includes(m.name.toLowerCase())) e.name = m.name;
  if (e.quantity === undefined && inText(m.quantity)) e.quantity = m.quantity;
  if (e.servings === undefined && inText(m.servings)) e.servings = m.servings;
  if (!e.budget && m.budget && inText(m.budget.amount))
    e.budget = { amount: m.budget.amount, ...(m.budget.currency ? { currency: m.budget.currency } : {}) };
  const known = new Map(context.products.map((p) => [p.toLowerCase(), p]));
  const products = new Set(e.products ?? []);
  for (const p of m.products ?? []) {
    const name = known.get(p.toLowerCase());
    if (name) products.add(name);
  }
  if (products.size > 0) e.products = [...products];

  const listened = Object.fromEntries(
    // A heard fact must share a word with the message ("nan's 80th" from "my nan turning 80").
    Object.entries(model.listened).filter(
      ([k, v]) =>
        k === 'fulfilment' ||
        String(v)
          .toLowerCase()
          .split(/\W+/)
          .some((w) => w.length >= 3 && said.includes(w)),
    ),
  );
  return {
    intent: keepRules ? offline.intent : model.intent,
    confidence: keepRules ? offline.confidence : (model.confidence ?? 0.8),
    entities: e,
    text: offline.text,
    ...(Object.keys(listened).length > 0 ? { listened } : {}),
  };
}

function systemPrompt(context: RecognizerContext): string {
  return [
    "You classify one customer message for a shop's chatbot and extract facts from it.",
    DATA_RULE,
    `Intents:\n${INTENT_GUIDE}`,
    'entities: name (only a name the customer gives as their own), quantity (how many items), servings (how many people to feed),',
    `products (only names from the "products" list${context.products.length ? '' : ', which is empty'}), budget (amount, and currency only if named).`,
    "listened: occasion, dietary or other requirement, stated preference and delivery or pickup, in the customer's own words.",
    'Leave out anything the message does not say.',
    'Output: {"intent": string, "confidence": number, "entities": {...}, "listened": {...}}',
  ].join('\n');
}
