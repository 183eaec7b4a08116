/** Written by `npx tsx test/eval/tune.ts` from the dev split; do not edit by hand. */
import type { RetrievalModel } from './retrievalModel.js';

export const FITTED: RetrievalModel = {
  fusion: {
    lexical: 0.5,
    rank: 1,
    head: 1,
    body: 0.1,
  },
  dense: {
    bias: -12.1032,
    weights: {
      fused: 2.5134,
      cosHead: 10.1674,
      cosBody: 1.7837,
      lexical: -3.6513,
      margin: -3.8826,
      bestLexical: 14.1963,
      unknownRarity: -1.3576,
    },
  },
  lexicalOnly: {
    bias: -4.2687,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      lexical: 0,
      margin: -2.7892,
      bestLexical: 11.0784,
      unknownRarity: -1.5551,
    },
  },
  threshold: 0.62,
};
