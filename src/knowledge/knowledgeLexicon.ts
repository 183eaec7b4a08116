/**
 * The words of one business, from `synonyms.yaml` in its knowledge folder: shorthand of the trade,
 * phrasings read as one word, and groups of words customers use for one thing. The general lexicon
 * (lexicon.ts) is general English and commerce only; what belongs to a trade lives here, beside the
 * knowledge it helps to find.
 *
 *   abbreviations:            # expanded word by word, before anything else
 *     mtb: mountain bike
 *   phrases:                  # each phrasing (whole words) is read as the one word
 *     ebike: [electric bike, e bike]
 *   synonyms:                 # each group matches its members at 0.8 of a word's own worth
 *     - [bike, bicycle, cycle]
 */
import { z } from 'zod';

const Word = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9 '-]*$/, 'letters, digits, spaces, hyphens and apostrophes only');

export const KnowledgeLexiconSchema = z
  .object({
    abbreviations: z.record(Word, Word).default({}),
    phrases: z.record(Word, z.array(Word).min(1)).default({}),
    synonyms: z.array(z.array(Word).min(2)).default([]),
  })
  .strict();

export type KnowledgeLexiconSpec = z.infer<typeof KnowledgeLexiconSchema>;

export const EMPTY_LEXICON: KnowledgeLexiconSpec = { abbreviations: {}, phrases: {}, synonyms: [] };
