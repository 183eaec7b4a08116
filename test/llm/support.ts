/** Shared set-up for the language-model tests: the bakery's knowledge, a client on the stub, a log. */
import { join } from 'node:path';
import { answerFromKnowledge } from '../../src/domain/knowledge/answer.js';
import type { AnswerFit, ComposeInput } from '../../src/domain/knowledge/answerComposer.js';
import type { KnowledgeIndex } from '../../src/domain/knowledge/passage.js';
import { Bm25KnowledgeIndex, TUNED_MIN_CONFIDENCE } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { OpenAiClient, type LlmLog } from '../../src/llm/openAiClient.js';
import { REPO } from '../support/testBot.js';
import type { StubModelServer } from './stubModelServer.js';

export const WEBCHAT: AnswerFit = { maxChars: 600, markdown: true };

export async function bakery(): Promise<{ index: KnowledgeIndex; productNames: string[]; name: string }> {
  const { passages, business, lexicon } = await loadKnowledge(join(REPO, 'knowledge'));
  return {
    index: new Bm25KnowledgeIndex(passages, { lexicon }),
    productNames: business.products.flatMap((p) => [p.name, ...p.aliases]),
    name: business.name,
  };
}

export interface LogLine {
  level: 'info' | 'warn';
  obj: Record<string, unknown>;
  msg: string;
}

export function memoryLog(): LlmLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => void lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  };
}

export function stubClient(
  stub: StubModelServer,
  log: LlmLog,
  options: { timeoutMs?: number; breakAfter?: number } = {},
): OpenAiClient {
  return new OpenAiClient({
    apiKey: 'test-key',
    baseURL: stub.url,
    model: 'stub-model',
    timeoutMs: options.timeoutMs ?? 2_000,
    breakAfter: options.breakAfter ?? Number.POSITIVE_INFINITY,
    log,
  });
}

export function composeInput(index: KnowledgeIndex, question: string, fit: AnswerFit = WEBCHAT): ComposeInput {
  const minConfidence = TUNED_MIN_CONFIDENCE;
  return { question, offline: answerFromKnowledge(index, question, { minConfidence }), minConfidence, fit };
}
