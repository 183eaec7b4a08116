/** Written by `npx tsx test/eval/tune.ts` from the dev split; do not edit by hand. */
import type { RetrievalModel } from './retrievalModel.js';

export const FITTED: RetrievalModel = {
  fusion: {
    lexical: 0.25,
    rank: 1.5,
    head: 0,
    body: 0.25,
    centroid: 1.5,
    top: 0,
  },
  dense: {
    bias: -11.7359,
    weights: {
      fused: 0.5113,
      cosHead: 6.7362,
      cosBody: 1.5567,
      cosCentroid: 5.9166,
      lexical: 8.0606,
      margin: -2.8943,
      bestLexical: 1.6166,
      unknownRarity: -0.9453,
      cosHeadRel: -0.5883,
      lexTop: 1.059,
      cosHeadMean: 5.2015,
    },
  },
  lexicalOnly: {
    bias: -3.7773,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      cosCentroid: 0,
      lexical: 0,
      margin: -2.5432,
      bestLexical: 10.3994,
      unknownRarity: -1.3887,
      cosHeadRel: 0,
      lexTop: 0,
      cosHeadMean: 0,
    },
  },
  threshold: 0.67,
};
