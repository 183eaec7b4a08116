/**
 * Words the Acknowledge and Ask parts of a L.A.M.A. turn with a language model. The domain has
 * already decided what to acknowledge (the fresh facts) and what to ask (one need not yet known);
 * the model only phrases them. Each part is checked on its own and falls back to the fixed copy:
 * the acknowledgement may hold no fact the customer did not give, the question must be one question
 * about the chosen need and nothing already known, and neither may promise anything.
 */
import { z } from 'zod';
import { offlineWording, type LamaDraft, type LamaWording, type LamaWriter } from '../domain/consulting/lamaWriter.js';
import { unsupportedFacts } from './factCheck.js';
import { fitText } from './fitText.js';
import type { LlmClient } from './openAiClient.js';
import { clip, DATA_RULE, dataMessage } from './promptData.js';

const LamaWordingSchema = z.object({
  acknowledgement: z.string().max(400).optional(),
  question: z.string().min(3).max(400),
});

/** The longest a single acknowledgement or question may be. */
const MAX_PART = 200;

export interface LlmLamaWriterDeps {
  client: LlmClient;
  productNames: readonly string[];
}

export class LlmLamaWriter implements LamaWriter {
  constructor(private readonly deps: LlmLamaWriterDeps) {}

  async write(draft: LamaDraft): Promise<LamaWording> {
    const fallback = offlineWording(draft);
    await draft.beforeSlowCall?.().catch(() => undefined);
    const result = await this.deps.client.completeJson({
      name: 'lama_wording',
      system: systemPrompt(draft),
      user: dataMessage({
        customerSaid: clip(draft.customerText, 600),
        newFacts: draft.fresh,
        knownFacts: draft.known,
        askAbout: draft.ask.question,
      }),
      schema: LamaWordingSchema,
      maxTokens: 200,
    });
    if (!result.ok) return fallback;
    const sources = [draft.customerText, factWords(draft.known), draft.acknowledgement ?? '', draft.ask.question];
    const fit = { ...draft.fit, maxChars: Math.min(MAX_PART, draft.fit.maxChars) };
    const ack = draft.acknowledgement && result.value.acknowledgement ? fitText(result.value.acknowledgement, fit) : undefined;
    const question = fitText(result.value.question, fit);
    const ackOk = ack !== undefined && !ack.includes('?') && this.supported(ack, sources);
    const questionOk = question !== undefined && this.isGoodQuestion(question, draft) && this.supported(question, sources);
    if (!ackOk && !questionOk) return fallback;
    return {
      acknowledgement: ackOk ? ack : fallback.acknowledgement,
      question: questionOk ? question : fallback.question,
      by: 'model',
    };
  }

  private supported(text: string, sources: string[]): boolean {
    return unsupportedFacts(text, sources, this.deps.productNames).length === 0;
  }

  /** One question, ending the text, about the chosen need and none that is already known. */
  private isGoodQuestion(question: string, draft: LamaDraft): boolean {
    if (question.split('?').length !== 2 || !question.trimEnd().endsWith('?')) return false;
    const words = ` ${plain(question)} `;
    const has = (k: string): boolean => words.includes(` ${plain(k)} `);
    // About the chosen need (when the business says which words show it), and about nothing known.
    if (draft.ask.keywords.length > 0 && !draft.ask.keywords.some(has)) return false;
    return !draft.knownKeywords.filter((k) => !draft.ask.keywords.includes(k)).some(has);
  }
}

const plain = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Known facts as words, so "20" and "Saturday" given earlier count as the customer's own. */
function factWords(facts: Record<string, string>): string {
  return Object.values(facts).join(' ');
}

function systemPrompt(draft: LamaDraft): string {
  return [
    'You are a friendly consultant for a small shop, helping a customer who asked for advice.',
    DATA_RULE,
    'Write two short parts of your next reply:',
    draft.acknowledgement
      ? '- "acknowledgement": one short sentence reflecting back the new facts, in the customer\'s own terms. Add no fact, number, date or product the customer did not give.'
      : '- "acknowledgement": leave it out.',
    `- "question": exactly one open question asking what askAbout asks, in your words. Do not ask about anything in knownFacts.`,
    'No sales pitch, no offers, no promises, no prices.',
    `Each part at most ${MAX_PART} characters, ${draft.fit.markdown ? 'simple markdown allowed' : 'plain text without markdown'}.`,
    'Output: {"acknowledgement": string, "question": string}',
  ].join('\n');
}
