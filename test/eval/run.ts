/**
 * `npm run eval`: prints accuracy@1 and refusal per question set (add --verbose for the misses), and
 * the forecast back-test on the demo data (MASE of the chosen model against seasonal-naive).
 * With OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL) set, the model path runs too and a table
 * compares it with the offline path: correctness, refusal and invented facts.
 */
import { parseConfig } from '../../src/config.js';
import { OpenAiClient } from '../../src/llm/openAiClient.js';
import { EVAL_SETS, evaluateSet, type EvalResult } from './evaluate.js';
import { evaluateModelSet } from './evaluateModel.js';
import { printAdvice } from './advice.js';

const verbose = process.argv.includes('--verbose');
const config = parseConfig(process.env);
const { ANSWER_MIN_CONFIDENCE } = config;
console.log(`offline retrieval, min confidence ${ANSWER_MIN_CONFIDENCE}`);
const offline: EvalResult[] = [];
for (const file of EVAL_SETS) {
  const r = await evaluateSet(file, ANSWER_MIN_CONFIDENCE);
  offline.push(r);
  console.log(`\n[${r.name}] ${r.passages} passages`);
  console.log(`accuracy@1: ${r.accuracyAt1.toFixed(2)}`);
  console.log(`refusal: ${r.refusal.toFixed(2)}`);
  if (verbose) {
    for (const m of r.misses) console.log(`  miss  ${m.q}\n        expected ${m.expected}, got ${m.got} (${m.confidence})`);
    for (const f of r.falseAnswers) console.log(`  false ${f.q}\n        answered ${f.got} (${f.confidence})`);
  }
}

if (config.OPENAI_API_KEY) {
  const warnings: string[] = [];
  const client = new OpenAiClient({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    // The evaluation measures the model, so it never switches the model off after failures.
    breakAfter: Number.POSITIVE_INFINITY,
    log: { info: () => undefined, warn: (o) => void warnings.push(JSON.stringify(o)) },
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
  for (const [i, file] of EVAL_SETS.entries()) {
    const m = await evaluateModelSet(file, ANSWER_MIN_CONFIDENCE, client);
    const o = offline[i]!;
    const fallbacks =
      Object.entries(m.fallbacks)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none';
    rows.push([
      m.name,
      o.accuracyAt1.toFixed(2),
      m.accuracy.toFixed(2),
      o.refusal.toFixed(2),
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
  if (verbose) for (const w of warnings) console.log(`  ${w}`);
}

// The forecast back-test (test/eval/backtestForecast.ts): chosen model against seasonal-naive.
// `--no-forecast` leaves it out (it fills a scratch store with 12 weeks of demo data, ~15 s).
if (!process.argv.includes('--no-forecast')) {
  const { backtestForecast, describeBacktest } = await import('./backtestForecast.js');
  for (const line of describeBacktest(await backtestForecast(config.KNOWLEDGE_DIR), verbose)) console.log(line);
}
await printAdvice(verbose);
