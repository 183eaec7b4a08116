/** The `understanding:` part of `npm run eval` (add --baseline for the pre-issue-11 readers). */
import { baselineReaders } from './baselineReaders.js';
import { evaluateUnderstanding, formatUnderstanding } from './evaluateUnderstanding.js';
import type { SlotReaders } from './readers.js';

export async function printUnderstanding(argv: string[], readers: SlotReaders): Promise<number> {
  const chosen = argv.includes('--baseline') ? baselineReaders : readers;
  const result = await evaluateUnderstanding(chosen);
  console.log(`\n[understanding] ${chosen.name}; corpus test/understanding/corpus`);
  for (const line of formatUnderstanding(result, argv.includes('--verbose'))) console.log(line);
  return result.total.all.n ? result.total.all.pass / result.total.all.n : 0;
}
