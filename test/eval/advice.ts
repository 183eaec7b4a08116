/**
 * The `advice:` line of `npm run eval`: the share of scripted consultations (test/consulting/
 * adviceScripts.ts, over HTTP on the bakery and the bike shop) that meet every rule of issue 13, and
 * the mean number of customer turns after the advice request until the first recommendation.
 * These scripts are the team's own sentences: a smoke figure for the rules, not a held-out result.
 */
import { ADVICE_SCRIPTS } from '../consulting/adviceScripts.js';
import { runAdviceScripts, type ScriptResult } from '../consulting/adviceRules.js';

export interface AdviceEval {
  scripts: number;
  passed: number;
  share: number;
  meanTurnsToRecommendation: number;
  results: ScriptResult[];
}

export async function evaluateAdvice(): Promise<AdviceEval> {
  const results = await runAdviceScripts(ADVICE_SCRIPTS);
  const passed = results.filter((r) => r.failures.length === 0).length;
  const turns = results.map((r) => r.turnsToRecommendation).filter((t): t is number => t !== undefined);
  return {
    scripts: results.length,
    passed,
    share: passed / results.length,
    meanTurnsToRecommendation: turns.reduce((a, b) => a + b, 0) / Math.max(1, turns.length),
    results,
  };
}

/** Prints the advice lines; with verbose, each failing script's problems and transcript. */
export async function printAdvice(verbose: boolean): Promise<void> {
  const r = await evaluateAdvice();
  console.log(`\n[advice] ${r.scripts} scripted consultations (bakery and bikes, over HTTP)`);
  console.log(`advice: ${r.share.toFixed(2)}`);
  console.log(`mean turns to a recommendation: ${r.meanTurnsToRecommendation.toFixed(2)}`);
  for (const s of r.results.filter((x) => x.failures.length > 0)) {
    console.log(`  fail  [${s.shop}] ${s.name}: ${s.failures.join('; ')}`);
    if (verbose) for (const line of s.transcript) console.log(`        ${line}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await printAdvice(process.argv.includes('--verbose'));
