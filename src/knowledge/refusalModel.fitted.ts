/** Written by `npx tsx test/eval/tune.ts` from the dev split; do not edit by hand. */
import type { RetrievalModel } from './retrievalModel.js';

export const FITTED: RetrievalModel = {
  fusion: {
    lexical: 0.5,
    rank: 0.5,
    head: 0,
    body: 0,
    centroid: 0.5,
  },
  dense: {
    bias: -10.8517,
    weights: {
      fused: -0.7302,
      cosHead: 16.3127,
      cosBody: 2.6689,
      cosCentroid: -4.3671,
      lexical: -6.5907,
      margin: -4.959,
      bestLexical: 19.2554,
      unknownRarity: -0.9501,
    },
  },
  lexicalOnly: {
    bias: -4.4355,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      cosCentroid: 0,
      lexical: 0,
      margin: -2.7892,
      bestLexical: 11.0784,
      unknownRarity: -1.5551,
    },
  },
  threshold: 0.58,
};
