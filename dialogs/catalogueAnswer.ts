/**
 * "What do you sell?" when the knowledge has no passage that answers it: the products business.yaml
 * lists, as customers name them. A passage that answers it ("What kinds of bikes do you sell?")
 * always comes first; this only replaces an "I don't know" about the one thing a shop surely knows.
 */
import type { TurnContext } from 'botbuilder';
import { answerFromRetriever, citation } from '../src/domain/knowledge/answer.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { sendAnswer } from './sendAnswer.js';

const ASKS_CATALOGUE =
  /^\s*(?:(?:hi|hey|hello)[,!. ]+)?(?:so )?(?:what|which) (?:(?:products|things|items|stuff|kinds? of things|sort of things) )?(?:do|can) (?:you|u|ya)(?: guys| folks| all)? (?:sell|make|bake|offer|have|do|stock|carry)(?: here)?\s*[?!.]*\s*$|^\s*what(?:'?s| is) on (?:the|your) menu\s*[?!.]*\s*$|^\s*what (?:products|items) (?:do you have|are there)\s*[?!.]*\s*$/i;

/** A heading that asks what the business sells ("What kinds of bikes do you sell?", "What we make"). */
const OVERVIEW_HEADING =
  /^(?:what|which)\b.*\b(?:do (?:you|we) (?:sell|make|bake|offer|stock|carry))\b|^what (?:we|you) (?:sell|make|bake|offer)\b/i;

/** Answers "what do you sell?" from business.yaml's products when the knowledge does not; false otherwise. */
export async function answerCatalogue(context: TurnContext, services: DialogServices, text: string): Promise<boolean> {
  const { business, knowledge } = services;
  if (!ASKS_CATALOGUE.test(text)) return false;
  const found = await answerFromRetriever(services.retriever, text, { minConfidence: services.answerMinConfidence });
  if (found.kind === 'answer') return false;
  // The passage written for the question ("What kinds of bikes do you sell?"), else the product list.
  const overview = knowledge.passages().find((p) => OVERVIEW_HEADING.test(p.heading));
  if (!overview && !business.products.length) return false;
  const answer = overview ? overview.text : copy.catalogue(business.products.map((p) => p.name));
  await sendAnswer(context, services, answer, overview ? citation(overview) : copy.catalogueSource(business));
  return true;
}
