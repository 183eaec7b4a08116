/** Answers a question from the knowledge base, or says honestly that it is not known. */
import type { TurnContext } from 'botbuilder';
import { answerFromRetriever, citation, type AnswerResult } from '../src/domain/knowledge/answer.js';
import { answerFit, fitAnswer, yesFromList } from './answerFit.js';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';

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
  const conversationId = context.activity.conversation.id;
  const minConfidence = services.answerMinConfidence;
  const offline = await answerFromRetriever(services.retriever, question, { minConfidence });
  const fit = answerFit(context.activity.channelId);
  const composed = await services.answerComposer.compose({
    question,
    offline,
    minConfidence,
    fit,
    beforeSlowCall: fit.typing ? () => context.sendActivity({ type: 'typing' }) : undefined,
  });
  if (composed.kind === 'answer') {
    // An offline answer is the passage's own text: fit lists to the channel and answer yes/no first.
    const text = composed.by === 'offline' ? (yesFromList(question, composed.text) ?? composed.text) : composed.text;
    const parts = composed.by === 'offline' ? fitAnswer(text, context.activity.channelId) : [text];
    for (const part of parts.slice(0, -1)) await context.sendActivity(part);
    await context.sendActivity(copy.answer(parts[parts.length - 1]!, composed.sources.map(citation).join('; ')));
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
