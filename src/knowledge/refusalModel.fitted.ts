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
    bias: -20.6391,
    weights: {
      fused: -1.0766,
      cosHead: 27.2925,
      cosBody: 4.6279,
      cosCentroid: 0.3213,
      lexical: -1.7171,
      margin: -2.1201,
      bestLexical: 12.8505,
      unknownRarity: -0.6218,
      cosHeadRel: -0.7431,
      lexTop: 1.3472,
    },
  },
  lexicalOnly: {
    bias: -3.7358,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      cosCentroid: 0,
      lexical: 0,
      margin: -2.4694,
      bestLexical: 10.3754,
      unknownRarity: -1.3972,
      cosHeadRel: 0,
      lexTop: 0,
    },
  },
  threshold: 0.67,
};
