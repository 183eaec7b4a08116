/**
 * The language-model adapters, built from configuration by the composition root. Without
 * OPENAI_API_KEY there is no model and the offline recognizer, answers and wording stay in use.
 */
import type { Business } from '../domain/business.js';
import type { LamaWriter } from '../domain/consulting/lamaWriter.js';
import type { AnswerComposer } from '../domain/knowledge/answerComposer.js';
import type { Recognizer } from '../domain/understanding/types.js';
import { GroundedAnswerer } from './groundedAnswerer.js';
import { LlmLamaWriter } from './llmLamaWriter.js';
import { LlmRecognizer } from './llmRecognizer.js';
import { OpenAiClient, type LlmClient, type LlmLog } from './openAiClient.js';

export interface ModelConfig {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL: string;
  OPENAI_TIMEOUT_MS: number;
}

export interface LanguageModel {
  client: LlmClient;
  recognizer: Recognizer;
  answerComposer: AnswerComposer;
  lamaWriter: LamaWriter;
}

export interface LanguageModelDeps {
  business: Pick<Business, 'name' | 'products'>;
  /** The recognizer used whenever the model's understanding is unavailable or invalid. */
  offlineRecognizer: Recognizer;
  log: LlmLog;
}

/** Undefined when no model is configured. */
export function createLanguageModel(config: ModelConfig, deps: LanguageModelDeps): LanguageModel | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const client = new OpenAiClient({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    log: deps.log,
  });
  return languageModelOver(client, deps);
}

/** The adapters over a given client (the evaluation and tests pass their own). */
function languageModelOver(client: LlmClient, deps: LanguageModelDeps): LanguageModel {
  const productNames = deps.business.products.flatMap((p) => [p.name, ...p.aliases]);
  return {
    client,
    recognizer: new LlmRecognizer({ client, offline: deps.offlineRecognizer }),
    answerComposer: new GroundedAnswerer({ client, productNames, businessName: deps.business.name, log: deps.log }),
    lamaWriter: new LlmLamaWriter({ client, productNames }),
  };
}
