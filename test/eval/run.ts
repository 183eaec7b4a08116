/** `npm run eval`: prints accuracy@1 and refusal per question set (add --verbose for the misses). */
import { parseConfig } from '../../src/config.js';
import { EVAL_SETS, evaluateSet } from './evaluate.js';

const verbose = process.argv.includes('--verbose');
const { ANSWER_MIN_CONFIDENCE } = parseConfig(process.env);
console.log(`offline retrieval, min confidence ${ANSWER_MIN_CONFIDENCE}`);
for (const file of EVAL_SETS) {
  const r = await evaluateSet(file, ANSWER_MIN_CONFIDENCE);
  console.log(`\n[${r.name}] ${r.passages} passages`);
  console.log(`accuracy@1: ${r.accuracyAt1.toFixed(2)}`);
  console.log(`refusal: ${r.refusal.toFixed(2)}`);
  if (verbose) {
    for (const m of r.misses) console.log(`  miss  ${m.q}\n        expected ${m.expected}, got ${m.got} (${m.confidence})`);
    for (const f of r.falseAnswers) console.log(`  false ${f.q}\n        answered ${f.got} (${f.confidence})`);
  }
}
