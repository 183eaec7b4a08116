/** Written by `npx tsx test/eval/tune.ts` from the dev split; do not edit by hand. */
import type { RetrievalModel } from './refusalModel.js';

export const FITTED: RetrievalModel = {
  fusion: {
    lexical: 1,
    rank: 0,
    head: 1,
    body: 0.25,
  },
  dense: {
    bias: -14.1904,
    weights: {
      fused: 9.2877,
      cosHead: 9.2657,
      cosBody: -1.385,
      lexical: 0.3682,
      margin: -7.7418,
      bestLexical: 4.211,
      unknownRarity: -0.2621,
    },
  },
  lexicalOnly: {
    bias: -3.9114,
    weights: {
      fused: 0,
      cosHead: 0,
      cosBody: 0,
      lexical: 0,
      margin: -4.9537,
      bestLexical: 11.5667,
      unknownRarity: -1.7374,
    },
  },
  threshold: 0.75,
};
