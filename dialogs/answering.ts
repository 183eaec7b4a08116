/** Answers a question from the knowledge base, or says honestly that it is not known. */
import type { TurnContext } from 'botbuilder';
import { answerFromKnowledge, citation, type AnswerResult } from '../src/domain/knowledge/answer.js';
import { answerFit } from './answerFit.js';
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
  const offline = answerFromKnowledge(services.knowledge, question, { minConfidence: services.minConfidence });
  const fit = answerFit(flags);
  const composed = await services.answerComposer.compose({
    question,
    offline,
    minConfidence: services.minConfidence,
    fit,
    beforeSlowCall: fit.typing ? () => context.sendActivity({ type: 'typing' }) : undefined,
  });
  if (composed.kind === 'answer') {
    await context.sendActivity(copy.answer(composed.text, composed.sources.map(citation).join('; ')));
    void services.conversationLog.addOutcome(conversationId, 'answered');
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
    const session = await services.sessions.get(context);
    session.offer = 'callback';
    session.offerTopic = question.slice(0, 200);
    await context.sendActivity(yesNo(copy.unknown()));
  } else {
    await context.sendActivity(`I'm sorry, I don't know that: it isn't in the information I have.`);
  }
  return result;
}
