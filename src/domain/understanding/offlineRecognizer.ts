/**
 * The recognizer that needs no network: rule-based intents plus library-backed entities. It is the
 * default, and the fallback when a language-model recognizer is unavailable.
 */
import { extractEntities } from './entities.js';
import { classifyIntent } from './intents.js';
import type { Recognizer, RecognizerContext, Understanding } from './types.js';

export function createOfflineRecognizer(): Recognizer {
  return {
    async recognize(text: string, context: RecognizerContext): Promise<Understanding> {
      const entities = extractEntities(text, context);
      const { intent, confidence } = classifyIntent(text, entities);
      return { intent, confidence, entities, text };
    },
  };
}
