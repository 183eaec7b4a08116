/**
 * Retrieval evaluation over question sets kept in test/eval/*.json: accuracy@1 on answerable
 * questions (the expected passage is the one answered with, above the confidence threshold) and the
 * refusal rate on questions nothing in the knowledge answers.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { answerFromKnowledge } from '../../src/domain/knowledge/answer.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';

export const EvalSetSchema = z.object({
  knowledgeDir: z.string(),
  answerable: z.array(z.object({ q: z.string(), passage: z.string() })),
  unanswerable: z.array(z.string()),
});

export interface EvalResult {
  name: string;
  passages: number;
  accuracyAt1: number;
  refusal: number;
  misses: { q: string; expected: string; got: string; confidence: number }[];
  falseAnswers: { q: string; got: string; confidence: number }[];
}

export const ROOT = resolve(import.meta.dirname, '../..');

export async function evaluateSet(file: string, minConfidence: number): Promise<EvalResult> {
  const set = EvalSetSchema.parse(JSON.parse(await readFile(resolve(ROOT, 'test/eval', file), 'utf8')));
  const { passages } = await loadKnowledge(resolve(ROOT, set.knowledgeDir));
  const index = new Bm25KnowledgeIndex(passages);
  const known = new Set(passages.map((p) => p.id));
  const misses: EvalResult['misses'] = [];
  let correct = 0;
  for (const { q, passage } of set.answerable) {
    if (!known.has(passage)) throw new Error(`${file}: no passage ${passage}`);
    const r = answerFromKnowledge(index, q, { minConfidence });
    const got = r.kind === 'answer' ? r.source.id : `(refused; best ${r.hits[0]?.passage.id ?? 'none'})`;
    if (got === passage) correct++;
    else misses.push({ q, expected: passage, got, confidence: r.confidence });
  }
  const falseAnswers: EvalResult['falseAnswers'] = [];
  for (const q of set.unanswerable) {
    const r = answerFromKnowledge(index, q, { minConfidence });
    if (r.kind === 'answer') falseAnswers.push({ q, got: r.source.id, confidence: r.confidence });
  }
  return {
    name: file.replace(/\.json$/, ''),
    passages: passages.length,
    accuracyAt1: correct / set.answerable.length,
    refusal: (set.unanswerable.length - falseAnswers.length) / set.unanswerable.length,
    misses,
    falseAnswers,
  };
}

export const EVAL_SETS = ['bakery.json', 'bikes.json'];
