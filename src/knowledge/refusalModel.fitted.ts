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
    bias: -11.7784,
    weights: {
      fused: 0.5301,
      cosHead: 6.7918,
      cosBody: 1.5661,
      cosCentroid: 5.8949,
      lexical: 8.0272,
      margin: -2.9047,
      bestLexical: 1.6514,
      unknownRarity: -0.9164,
      cosHeadRel: -0.6046,
      lexTop: 1.0641,
      cosHeadMean: 5.1518,
    },
  },
  lexicalOnly: {
    bias: -3.7317,
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
  threshold: 0.68,
};
