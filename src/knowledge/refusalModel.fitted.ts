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
    bias: -11.2108,
    weights: {
      fused: 1.9705,
      cosHead: 12.2375,
      cosBody: -0.8117,
      lexical: -6.2524,
      margin: -3.3007,
      bestLexical: 15.6642,
      unknownRarity: -0.6179,
    },
  },
  lexicalOnly: {
    bias: -4.2787,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      lexical: 0,
      margin: -2.9546,
      bestLexical: 10.2882,
      unknownRarity: -1.7894,
    },
  },
  threshold: 0.52,
};
