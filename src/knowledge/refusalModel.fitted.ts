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
    bias: -11.938,
    weights: {
      fused: 0.5534,
      cosHead: 6.9094,
      cosBody: 1.522,
      cosCentroid: 5.8374,
      lexical: 7.9643,
      margin: -2.8651,
      bestLexical: 1.846,
      unknownRarity: -0.8583,
      cosHeadRel: -0.6403,
      lexTop: 1.014,
      cosHeadMean: 5.2318,
    },
  },
  lexicalOnly: {
    bias: -3.7278,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      cosCentroid: 0,
      lexical: 0,
      margin: -2.5432,
      bestLexical: 10.4702,
      unknownRarity: -1.3911,
      cosHeadRel: 0,
      lexTop: 0,
      cosHeadMean: 0,
    },
  },
  threshold: 0.68,
};
