/** Written by `npx tsx test/eval/tune.ts` from the dev split; do not edit by hand. */
import type { RetrievalModel } from './retrievalModel.js';

export const FITTED: RetrievalModel = {
  fusion: {
    lexical: 1,
    rank: 1,
    head: 0,
    body: 0.25,
    centroid: 1.5,
  },
  dense: {
    bias: -11.6501,
    weights: {
      fused: -0.0853,
      cosHead: 15.7158,
      cosBody: 3.1597,
      cosCentroid: -2.1922,
      lexical: -3.6407,
      margin: -2.7774,
      bestLexical: 16.4809,
      unknownRarity: -1.0276,
    },
  },
  lexicalOnly: {
    bias: -4.3156,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      cosCentroid: 0,
      lexical: 0,
      margin: -2.8116,
      bestLexical: 11.065,
      unknownRarity: -1.5313,
    },
  },
  threshold: 0.61,
};
