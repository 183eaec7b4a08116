/**
 * "What's your cheapest cake?": the products in price order (from business.yaml's consultation
 * prices), each said in its own passage's words — the sentence or table row that gives its price —
 * so no number is shown that the knowledge does not say. Products whose passage says no such price
 * are left out; with none left, the question goes to the knowledge like any other.
 */
import type { TurnContext } from 'botbuilder';
import { priceOrder } from '../src/domain/consulting/priceOrder.js';
import { citation } from '../src/domain/knowledge/answer.js';
import type { Passage } from '../src/domain/knowledge/passage.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { sendAnswer } from './sendAnswer.js';

/** Answers a price-order question and returns true, or returns false when it is not one. */
export async function answerPriceOrder(context: TurnContext, services: DialogServices, text: string): Promise<boolean> {
  const found = priceOrder(services.business.consultation, text);
  if (!found) return false;
  const passages = services.knowledge.passages();
  const lines: string[] = [];
  const sources: Passage[] = [];
  for (const { product, price } of found.products) {
    const passage = passages.find((p) => p.heading === product.passage);
    const said = passage && priceSentence(passage.text, price);
    if (!passage || !said) continue;
    lines.push(said);
    if (!sources.includes(passage)) sources.push(passage);
  }
  if (!lines.length) return false;
  await sendAnswer(context, services, copy.priceOrder(found.order, lines), sources.map(citation).join('; '));
  return true;
}

/** The sentence or table row of a passage that states a price ("$1,899", "$55"). */
function priceSentence(text: string, price: number): string | undefined {
  const amount = new RegExp(`(?<![\\d.,])(?:${price.toLocaleString('en-US')}|${price})(?:\\.00)?(?!\\d|[.,]\\d)`);
  const units = text
    .split('\n')
    .flatMap((line) =>
      /^\s*\|/.test(line)
        ? [
            line
              .replace(/^\s*\||\|\s*$/g, '')
              .split('|')
              .map((c) => c.trim())
              .filter(Boolean)
              .join(' — '),
          ]
        : line.replace(/^\s*[-*•]\s+/, '').split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/),
    )
    .map((u) => u.replace(/[*_`]+/g, '').trim());
  return units.find((u) => /[$€£¥]|\b(?:dollars?|AUD|USD|EUR|GBP)\b/.test(u) && amount.test(u));
}
