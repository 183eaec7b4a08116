/**
 * The recognizer that needs no network: rule-based intents plus library-backed entities. It is the
 * default, and the fallback when a language-model recognizer is unavailable.
 */
import { extractEntities } from './entities.js';
import { classifyIntent } from './intents.js';
import { readWhen } from './readWhen.js';
import { readYesNo } from './readYesNo.js';
import type { Recognizer, RecognizerContext, Understanding } from './types.js';

export function createOfflineRecognizer(): Recognizer {
  // Recognizers-Text builds its English models on first use (about a second); do it now, not on
  // a customer's first message.
  readWhen('tomorrow at 3pm', { timeZone: 'UTC', now: new Date() });
  readYesNo('yes');
  return {
    async recognize(text: string, context: RecognizerContext): Promise<Understanding> {
      const entities = extractEntities(text, context);
      const classified = classifyIntent(text, entities, context.products);
      // "y", "yep", "nah", "👍": a short yes or no the rules did not know is still an answer.
      const yes = classified.intent === 'none' && text.split(/\s+/).length <= 6 ? readYesNo(text) : undefined;
      const { intent, confidence } =
        yes === undefined ? classified : { intent: yes ? ('affirm' as const) : ('deny' as const), confidence: 0.8 };
      return { intent, confidence, entities, text };
    },
  };
}
