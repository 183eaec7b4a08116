/**
 * Answers with a language model, only from retrieved passages, citing them. The model sees at most
 * three passages the lexical index found; it says whether they answer the question, writes the
 * answer and names the passages it used. The answer is then fact-checked against the cited passages
 * (factCheck.ts) and fitted to the channel; if anything fails — the call, the JSON, a citation, one
 * fact — the offline extractive answer is given instead, in the same turn.
 */
import {
  offlineComposed,
  type AnswerComposer,
  type ComposedAnswer,
  type ComposeInput,
} from '../domain/knowledge/answerComposer.js';
import type { Passage } from '../domain/knowledge/passage.js';
import { z } from 'zod';
import { unsupportedFacts } from './factCheck.js';
import { fitText } from './fitText.js';
import type { LlmClient, LlmLog } from './openAiClient.js';
import { clip, passageData, DATA_RULE, dataMessage } from './promptData.js';

const GroundedAnswerSchema = z.object({
  /** False when the passages do not answer the question. */
  answerable: z.boolean(),
  answer: z.string().max(4_000).default(''),
  /** Ids of the passages the answer uses ("P1"). */
  citations: z.array(z.string()).max(5).default([]),
});

export interface GroundedAnswererDeps {
  client: LlmClient;
  /** Product names and aliases: a product the answer names must be in a cited passage. */
  productNames: readonly string[];
  businessName: string;
  log: LlmLog;
  /** Hits below `minConfidence × floor` are not shown to the model (default 0.5). */
  floor?: number;
}

/** The text a passage is checked against: what the model was shown of it. */
export const sourceText = (p: Passage): string => `${p.title}\n${p.heading}\n${passageData(p.text)}`;

export class GroundedAnswerer implements AnswerComposer {
  constructor(private readonly deps: GroundedAnswererDeps) {}

  async compose(input: ComposeInput): Promise<ComposedAnswer> {
    const { offline, fit } = input;
    const floor = input.minConfidence * (this.deps.floor ?? 0.5);
    const passages = offline.hits
      .filter((h) => h.confidence >= floor)
      .slice(0, 3)
      .map((h) => h.passage);
    // Nothing near the question in the knowledge: "I don't know" needs no model.
    if (passages.length === 0) return offlineComposed(offline);

    await input.beforeSlowCall?.().catch(() => undefined);
    const byId = new Map(passages.map((p, i) => [`P${i + 1}`, p]));
    const result = await this.deps.client.completeJson({
      name: 'grounded_answer',
      system: systemPrompt(this.deps.businessName, fit),
      user: dataMessage({
        question: clip(input.question),
        passages: [...byId].map(([id, p]) => ({ id, title: p.title, heading: p.heading, text: passageData(p.text) })),
      }),
      schema: GroundedAnswerSchema,
    });
    if (!result.ok) return offlineComposed(offline, result.reason === 'invalid' ? 'invalid' : 'failed');

    const { answerable, answer, citations } = result.value;
    if (!answerable) return { kind: 'unknown', by: 'model' };
    const sources = [...new Set(citations.map((c) => byId.get(c.trim().toUpperCase())))].filter((p): p is Passage => !!p);
    if (sources.length === 0 || !answer.trim()) return offlineComposed(offline, 'invalid');
    const text = fitText(answer, fit);
    if (!text) return offlineComposed(offline, 'too_long');
    const unsupported = unsupportedFacts(text, sources.map(sourceText), this.deps.productNames);
    if (unsupported.length > 0) {
      this.deps.log.warn(
        { llm: 'grounded_answer', unsupported, cited: sources.map((s) => s.id) },
        'model answer failed the fact check',
      );
      return offlineComposed(offline, 'unverified');
    }
    return { kind: 'answer', text, sources, by: 'model' };
  }
}

function systemPrompt(businessName: string, fit: ComposeInput['fit']): string {
  return [
    `You answer customers' questions for ${businessName}, using only the knowledge passages given.`,
    DATA_RULE,
    'Rules:',
    '1. Use only facts stated in the passages. If they do not answer the question, set "answerable" to false and leave "answer" empty.',
    '2. Copy every price, number, date and product name exactly as a passage you cite writes it. Never compute, round or guess one.',
    '3. Never offer or promise anything the passages do not state: no discounts, free items, refunds or exceptions.',
    '4. Answer the question asked, in one to three sentences. No sales pitch, no upsell, no question back.',
    `5. At most ${fit.maxChars} characters, ${fit.markdown ? 'simple markdown allowed' : 'plain text without any markdown'}. Do not put passage ids in the answer.`,
    'Output: {"answerable": boolean, "answer": string, "citations": ["P1", ...]} — citations are the ids of the passages the answer uses.',
  ].join('\n');
}
