/**
 * `npm run eval`: accuracy@1, refusal of out-of-scope questions and the accuracy-against-refusal
 * curve, per knowledge folder, on the held-out `test` split (see split.ts) unless `--split dev|all`.
 *
 *   npm run eval                                    own sets + BANKING77 + CLINC150 (when ../shared/eval exists)
 *   npm run eval -- --knowledge DIR --questions F   any folder and question file (CLINC150 out-of-scope added)
 *   npm run eval -- --verbose                       also the misses and false answers
 *   npm run eval -- --split dev|test|all            which split (default test, the held-out one)
 *   npm run eval -- --no-forecast | --baseline      skip the forecast back-test | the raw lexical index
 *   EMBEDDINGS=off|local npm run eval               lexical only, or with the offline sentence model
 *
 * With OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL) set, the model path runs on the own sets too.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../src/config.js';
import { TUNED_MIN_CONFIDENCE } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { OpenAiClient } from '../../src/llm/openAiClient.js';
import {
  banking77,
  externalDir,
  faqSets,
  freshSets,
  outOfScopeSets,
  ownSets,
  readQuestionFile,
  splitOutOfScope,
  splitSet,
  type EvalSet,
} from './evalSets.js';
import { CURVE_THRESHOLDS, figuresAt, mistakes, scoreSet, type Figures } from './evaluate.js';
import { evaluateModelSet } from './evaluateModel.js';
import { printAdvice } from './advice.js';
import { evalEmbedder, hybridRetriever, lexicalRetriever } from './retrievers.js';
import { currentReaders } from './understanding/currentReaders.js';
import { printUnderstanding } from './understanding/runUnderstanding.js';

const { values: args } = parseArgs({
  options: {
    knowledge: { type: 'string' },
    questions: { type: 'string' },
    split: { type: 'string', default: 'test' },
    verbose: { type: 'boolean', default: false },
    /** Leaves out the forecast back-test (it fills a scratch store with 12 weeks of demo data, ~15 s). */
    'no-forecast': { type: 'boolean', default: false },
    /** The raw lexical index with its own confidence (the retrieval before the refusal model). */
    baseline: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  // The usage is this file's header.
  const header = /\/\*\*([\s\S]*?)\*\//.exec(await readFile(import.meta.filename, 'utf8'))?.[1] ?? '';
  console.log(header.replace(/^ \* ?/gm, '').trim());
  process.exit(0);
}
const split = args.split as 'dev' | 'test' | 'all';
if (!['dev', 'test', 'all'].includes(split)) throw new Error(`--split must be dev, test or all`);
const config = parseConfig(process.env);
// The baseline's raw lexical confidence has its own calibrated threshold.
const threshold = args.baseline && !process.env.ANSWER_MIN_CONFIDENCE ? TUNED_MIN_CONFIDENCE : config.ANSWER_MIN_CONFIDENCE;
const embedder = args.baseline || config.EMBEDDINGS === 'off' ? undefined : await evalEmbedder();
const factory = args.baseline ? lexicalRetriever : hybridRetriever(embedder);
const mode = args.baseline ? 'baseline lexical' : embedder ? `hybrid (${embedder.id})` : 'lexical + refusal model';

const sets: EvalSet[] = [];
if (args.questions) {
  sets.push(
    await readQuestionFile(
      resolve(args.questions),
      args.questions.replace(/^.*\//, '').replace(/\.json$/, ''),
      args.knowledge ? resolve(args.knowledge) : undefined,
    ),
  );
} else {
  sets.push(...(await ownSets()), ...(await freshSets()));
  const b77 = await banking77();
  if (b77) sets.push(b77);
  sets.push(...(await faqSets()));
}
const oosAll = await outOfScopeSets();
const oos = oosAll ? splitOutOfScope(oosAll, split) : undefined;
console.log(`retrieval: ${mode} · threshold ${threshold} · split ${split}`);
if (!externalDir()) console.log('external sets (../shared/eval): skipped — not found (set EVAL_DIR)');

const pct = (n: number): string => (Number.isNaN(n) ? '   – ' : n.toFixed(3));
const row = (f: Figures): string =>
  `${f.threshold.toFixed(2).padStart(5)}  ${pct(f.accuracyAt1)}  ${pct(f.answerableRefused)}  ${pct(f.refusal)}  ${pct(f.outOfScopeRefusal)}  ${pct(f.otherDomainRefusal)}  ${pct(f.hwuRefusal)}`;
const header = 'thr    acc@1  ans-ref own-ref oos-ref other-ref hwu-ref';

const measured: [EvalSet, Figures][] = [];
for (const set of sets) {
  const s = splitSet(set, split);
  const scores = await scoreSet(s, factory, oos);
  const at = figuresAt(scores, threshold);
  measured.push([s, at]);
  console.log(
    `\n[${s.name}] ${scores.passages} passages · ${s.answerable.length} answerable · ${s.unanswerable.length} own unanswerable · ${scores.outOfScope.length} CLINC out-of-scope · ${scores.otherDomains.length} CLINC other-domain · ${scores.hwu.length} HWU64`,
  );
  console.log(`accuracy@1: ${pct(at.accuracyAt1)} (ranked first, no threshold: ${pct(at.rankedAt1)})`);
  console.log(`answerable refused: ${pct(at.answerableRefused)}`);
  console.log(`refusal (own unanswerable): ${pct(at.refusal)}`);
  console.log(`refusal (CLINC out-of-scope): ${pct(at.outOfScopeRefusal)}`);
  console.log(`refusal (CLINC other domains): ${pct(at.otherDomainRefusal)}`);
  console.log(`refusal (HWU64 out-of-scope): ${pct(at.hwuRefusal)}`);
  console.log(`curve:\n  ${header}`);
  // The default threshold is one row of the curve too.
  for (const t of [...new Set([...CURVE_THRESHOLDS, threshold])].sort((a, b) => a - b))
    console.log(`  ${row(figuresAt(scores, t))}`);
  if (args.verbose) {
    const { misses, falseAnswers } = mistakes(scores, threshold);
    for (const m of misses) console.log(`  miss  ${m.q}\n        expected ${m.expected}, got ${m.top} (${m.confidence})`);
    for (const f of falseAnswers) console.log(`  false ${f.q}\n        answered ${f.top} (${f.confidence})`);
  }
}

await embedder?.close();

if (config.OPENAI_API_KEY) {
  const client = new OpenAiClient({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    // The evaluation measures the model, so it never switches the model off after failures.
    breakAfter: Number.POSITIVE_INFINITY,
    log: { info: () => undefined, warn: () => undefined },
  });
  console.log(`\nmodel path: ${config.OPENAI_MODEL}${config.OPENAI_BASE_URL ? ` at ${config.OPENAI_BASE_URL}` : ''}`);
  const rows = [
    [
      'set',
      'answer ok offline',
      'model',
      'refusal offline',
      'model',
      'invented caught',
      'invented shown',
      'model-worded',
      'fallbacks',
    ],
  ];
  // The model path costs a call per question: it runs on the sets with their own unanswerable questions.
  for (const [set, offline] of measured.filter(([s]) => s.unanswerable.length > 0)) {
    const m = await evaluateModelSet(set, threshold, client);
    const fallbacks =
      Object.entries(m.fallbacks)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none';
    rows.push([
      m.name,
      offline.accuracyAt1.toFixed(2),
      m.accuracy.toFixed(2),
      offline.refusal.toFixed(2),
      m.refusal.toFixed(2),
      String(m.inventedCaught),
      String(m.inventedShown),
      `${m.modelWorded}/${m.questions}`,
      fallbacks,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    console.log(
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    );
}

// The forecast back-test (test/eval/backtestForecast.ts): chosen model against seasonal-naive.
if (!args['no-forecast']) {
  const { backtestForecast, describeBacktest } = await import('./backtestForecast.js');
  for (const line of describeBacktest(await backtestForecast(config.KNOWLEDGE_DIR), args.verbose)) console.log(line);
}
await printAdvice(args.verbose);
await printUnderstanding(process.argv, currentReaders);
