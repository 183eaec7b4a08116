/**
 * The question sets `npm run eval` measures: the team's own (test/eval/bakery.json, bikes.json — a
 * smoke test, since the team wrote them) and the external ones in `../shared/eval` beside the repo
 * (BANKING77 against its knowledge folder; CLINC150 out-of-scope and other-domain questions asked of
 * every knowledge folder). External files are read where they are, never copied into the repo; when
 * they are absent the sets are reported as skipped. EVAL_DIR overrides where they are looked for.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { inSplit, type Split } from './split.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface EvalSet {
  name: string;
  /** Absolute path of the knowledge folder. */
  knowledgeDir: string;
  /** Questions and the passage that answers each: its id (`file#heading`) or its heading alone. */
  answerable: { q: string; passage: string }[];
  /** Questions this knowledge does not answer, written for it. */
  unanswerable: string[];
}

export interface OutOfScopeSets {
  /** CLINC150 out-of-scope questions: no customer-service knowledge answers them. */
  outOfScope: string[];
  /** CLINC150 in-scope questions of 150 other intents (travel, small talk, banking, …). */
  otherDomains: string[];
  /** HWU64 home-assistant requests (see extraOutOfScope), when that file is there. */
  hwu?: string[];
}

const QuestionFileSchema = z.union([
  z.object({
    knowledgeDir: z.string().optional(),
    answerable: z.array(z.object({ q: z.string(), passage: z.string().optional(), heading: z.string().optional() })),
    unanswerable: z.array(z.union([z.string(), z.object({ q: z.string() }).transform((u) => u.q)])).default([]),
  }),
  z.array(z.object({ q: z.string(), passage: z.string().optional(), heading: z.string().optional() })),
]);

/**
 * Reads a question file: `{ knowledgeDir?, answerable: [{q, passage|heading}], unanswerable? }` or a
 * bare `[{q, passage|heading}]` array (BANKING77's form).
 */
export async function readQuestionFile(file: string, name: string, knowledgeDir?: string): Promise<EvalSet> {
  const parsed = QuestionFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const body = Array.isArray(parsed) ? { answerable: parsed, unanswerable: [], knowledgeDir: undefined } : parsed;
  const dir = knowledgeDir ?? (body.knowledgeDir ? resolve(ROOT, body.knowledgeDir) : undefined);
  if (!dir) throw new Error(`${file}: no knowledge folder (give --knowledge DIR)`);
  return {
    name,
    knowledgeDir: dir,
    answerable: body.answerable.map((a) => {
      const passage = a.passage ?? a.heading;
      if (!passage) throw new Error(`${file}: "${a.q}" names no passage or heading`);
      return { q: a.q, passage };
    }),
    unanswerable: body.unanswerable,
  };
}

/** Where the external sets are: $EVAL_DIR, else `../shared/eval` beside the repo (undefined when absent). */
export function externalDir(): string | undefined {
  const candidates = process.env.EVAL_DIR
    ? [process.env.EVAL_DIR]
    : [resolve(ROOT, '../shared/eval'), resolve(dirname(ROOT), '../shared/eval')];
  return candidates.find((d): d is string => !!d && existsSync(resolve(d, 'banking77-questions.json')));
}

/** The team's own sets. */
export async function ownSets(): Promise<EvalSet[]> {
  return Promise.all(['bakery', 'bikes'].map((name) => readQuestionFile(resolve(ROOT, 'test/eval', `${name}.json`), name)));
}

/**
 * Held-out questions for the own knowledge written by outsiders (test/eval/data/fresh-*.json: helpers
 * that saw only the knowledge, never the code or the other questions); split like every set.
 */
export async function freshSets(): Promise<EvalSet[]> {
  const dirs = { bakery: resolve(ROOT, 'knowledge'), bikes: resolve(ROOT, 'test/fixtures/knowledge-bikes') };
  const out: EvalSet[] = [];
  for (const [name, dir] of Object.entries(dirs)) {
    const file = resolve(ROOT, `test/eval/data/fresh-${name}.json`);
    if (existsSync(file)) out.push(await readQuestionFile(file, `${name}-fresh`, dir));
  }
  return out;
}

/**
 * Outside FAQ sets converted by convertFaq.ts (their data is not shipped): under $EVAL_FAQ_DIR, else
 * `data/eval-faq`, each knowledge folder `NAME/` beside its `NAME-questions.json`.
 */
export async function faqSets(): Promise<EvalSet[]> {
  const dir = process.env.EVAL_FAQ_DIR ?? resolve(ROOT, 'data/eval-faq');
  if (!existsSync(dir)) return [];
  const out: EvalSet[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('-questions.json')).sort()) {
    const name = file.replace(/-questions\.json$/, '');
    if (existsSync(resolve(dir, name))) out.push(await readQuestionFile(resolve(dir, file), name, resolve(dir, name)));
  }
  return out;
}

/** BANKING77 against its knowledge folder, or undefined when the external sets are absent. */
export async function banking77(): Promise<EvalSet | undefined> {
  const dir = externalDir();
  if (!dir) return undefined;
  return readQuestionFile(resolve(dir, 'banking77-questions.json'), 'banking77', resolve(dir, 'banking77-knowledge'));
}

export async function outOfScopeSets(): Promise<OutOfScopeSets | undefined> {
  const dir = externalDir();
  if (!dir) return undefined;
  const raw = z
    .object({ outOfScope: z.array(z.string()), otherDomains: z.array(z.object({ q: z.string() })) })
    .parse(JSON.parse(await readFile(resolve(dir, 'clinc150-out-of-scope-dev.json'), 'utf8')));
  return { outOfScope: raw.outOfScope, otherDomains: raw.otherDomains.map((o) => o.q), hwu: await extraOutOfScope() };
}

/** One split of a set (questions chosen by splitOf). */
export function splitSet(set: EvalSet, split: Split | 'all'): EvalSet {
  return {
    ...set,
    answerable: inSplit(set.answerable, split, (a) => a.q),
    unanswerable: inSplit(set.unanswerable, split, (q) => q),
  };
}

export function splitOutOfScope(sets: OutOfScopeSets, split: Split | 'all'): OutOfScopeSets {
  return {
    outOfScope: inSplit(sets.outOfScope, split, (q) => q),
    otherDomains: inSplit(sets.otherDomains, split, (q) => q),
    hwu: sets.hwu && inSplit(sets.hwu, split, (q) => q),
  };
}

/**
 * More out-of-scope questions for tuning the refusal (its dev split only; the test split is reported
 * beside CLINC150's): HWU64 (Liu et al., "Benchmarking Natural Language Understanding Services for
 * building Conversational Agents", IWSDS 2019, xliuhw/NLU-Evaluation-Data, CC BY 4.0) — home-assistant
 * requests (alarms, music, weather, e-mail, small talk, …), none of which a customer-service knowledge
 * base answers. Shipped in `test/eval/data/` (or read from $EVAL_EXTRA_DIR), file
 * `hwu64-out-of-scope.json` (`{ outOfScope: [{ q, intent }] }`); undefined when absent. The file is
 * built from the data set's CrossValidation/…/KFold_1/testset/annotated/*.json, leaving out the intents
 * near a shop's or a bank's questions (qa_currency, takeaway_order, takeaway_query, cooking_recipe)
 * and one-word texts.
 */
export async function extraOutOfScope(): Promise<string[] | undefined> {
  const candidates = [process.env.EVAL_EXTRA_DIR, resolve(ROOT, 'test/eval/data')].filter((d): d is string => !!d);
  const dir = candidates.find((d) => existsSync(resolve(d, 'hwu64-out-of-scope.json')));
  if (!dir) return undefined;
  const raw = z
    .object({ outOfScope: z.array(z.object({ q: z.string(), intent: z.string() })) })
    .parse(JSON.parse(await readFile(resolve(dir, 'hwu64-out-of-scope.json'), 'utf8')));
  return raw.outOfScope.map((o) => o.q);
}

/**
 * Dev-only near-domain questions each own knowledge does not answer (test/eval/data/own-unanswerable-dev.json,
 * by set name): extra negatives for the refusal fit, which has only a dozen of each shop's own in its dev split.
 */
export async function ownDevUnanswerable(): Promise<Record<string, string[]>> {
  const file = resolve(ROOT, 'test/eval/data/own-unanswerable-dev.json');
  if (!existsSync(file)) return {};
  const raw = z.record(z.string(), z.unknown()).parse(JSON.parse(await readFile(file, 'utf8')));
  return Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? [[k, z.array(z.string()).parse(v)]] : [])),
  );
}
