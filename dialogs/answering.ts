/** Answers a question from the knowledge base, or says honestly that it is not known. */
import type { TurnContext } from 'botbuilder';
import { answerFromRetriever, citation, type AnswerResult } from '../src/domain/knowledge/answer.js';
import type { KnowledgeRetriever } from '../src/domain/knowledge/passage.js';
import { questionParts, questionsOnly } from '../src/domain/knowledge/questionParts.js';
import { answerFit, asksYesNo, fitAnswer, namedLine, relatedFact, yesFromList } from './answerFit.js';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { turnInputOf } from './turnInput.js';

export interface AnswerOptions {
  /** Offer a callback when the answer is not known (off inside a dialog that is already booking one). */
  offerCallback: boolean;
}

export async function answerQuestion(
  context: TurnContext,
  services: DialogServices,
  question: string,
  options: AnswerOptions,
): Promise<AnswerResult> {
  const { conversationId, flags } = turnInputOf(context);
  const minConfidence = services.answerMinConfidence;
  const session = await services.sessions.get(context);
  const read = readingsOnce(services.retriever, minConfidence);
  const parts = questionParts(question);
  if (parts.length > 1) {
    const answered = await answerParts(context, services, parts, read);
    if (answered) {
      if (answered.kind === 'answer') session.lastTopic = { question: parts[parts.length - 1]!, passageId: answered.source.id };
      return answered;
    }
  }
  let asked = await inTopic(services, session.lastTopic, question, read);
  let offline = await read(asked);
  // A clause that asks nothing is read with the question, but when it only drowns it out the
  // question is read on its own.
  // "my chain keeps falling off, can you fix it today?": the question alone would not know what "it" is.
  const bare = offline.kind === 'unknown' && asked === question ? questionsOnly(question) : undefined;
  // Only when the whole message points at the same passage, though too weakly to answer: a clause
  // that carries the topic ("my niece can't have milk or eggs, is there a cake she could eat") is not
  // dropped for a bare question that finds another ("is there a cake she could eat" → storing a cake).
  if (bare && !LEANS_ON_BEFORE.test(bare)) {
    const alone = await read(bare);
    if (alone.kind === 'answer' && offline.hits[0]?.passage.id === alone.source.id) [asked, offline] = [bare, alone];
  }
  const fit = answerFit(flags);
  const composed = await services.answerComposer.compose({
    question: asked,
    offline,
    minConfidence,
    fit,
    beforeSlowCall: fit.typing ? () => context.sendActivity({ type: 'typing' }) : undefined,
  });
  if (composed.kind === 'answer') {
    // An offline answer is the passage's own text: fit lists to the channel and answer yes/no first;
    // the one list line asked about comes with the fact another passage gives about it (its fee).
    let text = composed.text;
    let sources = composed.sources;
    if (composed.by === 'offline') {
      // A follow-up may name the item only through the question it follows ("do you deliver to
      // coogee" → "and how much is it"): the line is the one the whole reading names, and then the
      // fact the follow-up asks for comes first.
      const own = namedLine(question, text);
      const line = own ?? namedLine(asked, text);
      const related = line && relatedFact(line, offline.hits.slice(1));
      if (line && related) {
        text = own ? `${asksYesNo(question) ? copy.yesItem(line) : line}\n${related.sentence}` : `${related.sentence}\n${line}`;
        sources = own ? [...sources, related.passage] : [related.passage, ...sources];
      } else text = yesFromList(question, text) ?? line ?? text;
    }
    const parts = composed.by === 'offline' ? fitAnswer(text, flags) : [text];
    for (const part of parts.slice(0, -1)) await context.sendActivity(part);
    await context.sendActivity(copy.answer(parts[parts.length - 1]!, sources.map(citation).join('; ')));
    // "Is the Metro E in stock?": the knowledge tells what is sold, not what is on the shelf today.
    if (options.offerCallback && ASKS_STOCK.test(question) && !TELLS_STOCK.test(composed.text)) {
      session.offer = 'callback';
      session.offerTopic = question.slice(0, 200);
      await context.sendActivity(yesNo(copy.stockUnknown()));
    }
    void services.conversationLog.addOutcome(conversationId, 'answered');
    session.lastTopic = { question: asked.slice(-300), passageId: composed.sources[0]!.id };
    return {
      kind: 'answer',
      text: composed.text,
      source: composed.sources[0]!,
      confidence: offline.confidence,
      hits: offline.hits,
    };
  }
  const result: AnswerResult = { kind: 'unknown', confidence: offline.confidence, hits: offline.hits };
  void services.conversationLog.addOutcome(conversationId, 'unanswered');
  void services.conversationLog.addUnanswered(conversationId, question);
  if (options.offerCallback) {
    session.offer = 'callback';
    session.offerTopic = question.slice(0, 200);
    await context.sendActivity(yesNo(copy.unknown()));
  } else {
    await context.sendActivity(copy.unknownNoOffer());
  }
  return result;
}

/** The knowledge's answer to one reading of the question. */
type Reading = (text: string) => Promise<AnswerResult>;

/**
 * Readings for one question: the same text (the follow-up read alone, then as the question) is
 * searched once. Made per question, never kept across turns.
 */
function readingsOnce(retriever: KnowledgeRetriever, minConfidence: number): Reading {
  const found = new Map<string, Promise<AnswerResult>>();
  return (text) => {
    let answer = found.get(text);
    if (!answer) found.set(text, (answer = answerFromRetriever(retriever, text, { minConfidence })));
    return answer;
  };
}

/** A question about what is on the shelf now, not about what is sold. */
const ASKS_STOCK =
  /\b(?:in stock|out of stock|stock of|have (?:any|one|some) (?:left|in)|any left|sold out|(?:available|in) (?:right )?now|on the shelf|in store (?:now|today)|ready to (?:take|ride|go) (?:home|today))\b|\bdo you (?:have|stock|carry) (?:the |a |an |any )?[^?]*\b(?:in|available) (?:today|now|at the moment)\b/i;
/** An answer that itself speaks of stock. */
const TELLS_STOCK = /\b(?:in stock|out of stock|stock levels?|sold out|available (?:today|now))\b/i;

/** A price asked for with no topic at all ("how much?", "price", "what does it cost"). */
const BARE_PRICE =
  /^\s*(?:how much(?: is it| does it cost| do they cost| are they)?|(?:the |your )?prices?|pricing|costs?|what(?:'s| is| are) (?:the |your )?(?:price|prices|cost)|what does it cost)\s*[?!.]*\s*$/i;

export const asksBarePrice = (text: string): boolean => BARE_PRICE.test(text);

/** A follow-up opens like one ("and for parramatta?", "what about sundays?"). */
const FOLLOWS_ON = /^\s*(?:and|or|also|what about|how about)\b/i;
/** Words a question may have and still be short enough to lean on the one before. */
const SHORT = 6;

/**
 * The question as it is to be read: a follow-up ("and the fee for parramatta?", "can i freeze
 * them?") is read together with the last question answered, when that reading is answered; a short
 * question that finds nothing alone is tried the same way. Anything else is read alone.
 */
async function inTopic(
  services: DialogServices,
  previous: { question: string; passageId: string } | undefined,
  question: string,
  read: Reading,
): Promise<string> {
  if (!previous) return question;
  const { knowledge } = services;
  // "how much?" after the rental prices is about the rentals: it has no topic of its own.
  const leans = FOLLOWS_ON.test(question) || LEANS_ON_BEFORE.test(question) || BARE_PRICE.test(question);
  const short = question.split(/\s+/).filter(Boolean).length <= SHORT;
  if (!leans && !short) return question;
  // A short question that names no topic of its own ("whats the price", "how long does it take")
  // is about the one in hand when that passage covers what it asks as fully as any other does.
  let inHand = false;
  if (!leans) {
    const alone = await read(question);
    if (alone.kind === 'answer') {
      const covered = knowledge.coverage(question, previous.passageId);
      // A passage named for what it asks ("what flavours" → "Cake flavours") makes it a topic of its own.
      const named = knowledge.coverage(question, alone.source.id, true) >= 0.5;
      if (named || covered === 0 || covered < knowledge.coverage(question, alone.source.id)) return question;
      inHand = true;
    }
  }
  const joined = `${previous.question} ${question}`;
  const together = await read(joined);
  if (together.kind !== 'answer') return question;
  // "can i freeze it" after a delivery question: when the joined reading's passage has none of the
  // follow-up's own words, and the follow-up alone finds one that has them in another knowledge file
  // (a file keeps one subject), the earlier question only drowned it out. "and how much is it" after
  // "do you deliver to coogee" finds the delivery fees: the same file, so the two are read together.
  if (leans && knowledge.coverage(question, together.source.id) === 0) {
    const alone = await read(question);
    if (
      alone.kind === 'answer' &&
      !previous.passageId.startsWith(`${alone.source.file}#`) &&
      knowledge.coverage(question, alone.source.id) > 0
    )
      return question;
  }
  // Otherwise a short question that does not lean on the last one may be a new topic: the joined
  // reading counts only when it finds something else than the last answer (never the old passage again).
  return leans || inHand || together.source.id !== previous.passageId ? joined : question;
}

/**
 * A message with several questions, answered part by part, each with its source or an honest "I
 * don't know" for the part not covered. Undefined when no part is covered (the whole message is then
 * answered, or not, as one question).
 */
const LEANS_ON_BEFORE = /\b(?:it|its|they|them|those|these|ones)\b|\b(?:order|get|buy|need|want|make|book) one\b(?! of)/i;

async function answerParts(
  context: TurnContext,
  services: DialogServices,
  parts: string[],
  read: Reading,
): Promise<AnswerResult | undefined> {
  // A part that leans on the one before ("… cupcakes, and do you do vegan ones", "… large cake. How
  // much is it?") is read with it.
  const asked = parts.map((p, i) => (i > 0 && LEANS_ON_BEFORE.test(p) ? `${parts[i - 1]} ${p}` : p));
  const results = await Promise.all(asked.map(read));
  for (let i = 1; i < parts.length; i++) {
    if (results[i]!.kind === 'answer' || asked[i] !== parts[i]) continue;
    const joined = await read(`${parts[i - 1]} ${parts[i]}`);
    const before = results[i - 1]!;
    // Only when it finds something the part before did not already answer.
    if (joined.kind === 'answer' && (before.kind !== 'answer' || joined.source.id !== before.source.id)) results[i] = joined;
  }
  const first = results.find((r) => r.kind === 'answer');
  if (!first) return undefined;
  const { conversationId, flags } = turnInputOf(context);
  const messages: string[] = [];
  results.forEach((r, i) => {
    if (r.kind !== 'answer') {
      messages.push(copy.unknownPart());
      void services.conversationLog.addUnanswered(conversationId, parts[i]!);
      return;
    }
    const fitted = fitAnswer(yesFromList(parts[i]!, r.text) ?? r.text, flags);
    messages.push(...fitted.slice(0, -1), copy.answerPart(fitted[fitted.length - 1]!, citation(r.source)));
  });
  // Where a message may be long, the parts go in one reply; on SMS each part is its own message.
  const { maxChars } = answerFit(flags);
  let current = '';
  for (const m of messages) {
    if (current && current.length + m.length + 2 > maxChars + 60) {
      await context.sendActivity(current);
      current = m;
    } else current = current ? `${current}\n\n${m}` : m;
  }
  if (current) await context.sendActivity(current);
  void services.conversationLog.addOutcome(conversationId, 'answered');
  return first;
}
