/**
 * The understanding eval alone (quicker than `npm run eval`):
 * `npx tsx test/eval/understanding/only.ts [--verbose] [--type date] [--split tune|heldout] [--baseline]`.
 * Misses are listed for the chosen type and split only, so tuning can look at `tune` alone.
 */
import { baselineReaders } from './baselineReaders.js';
import { currentReaders } from './currentReaders.js';
import { evaluateUnderstanding, formatUnderstanding } from './evaluateUnderstanding.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const readers = argv.includes('--baseline') ? baselineReaders : currentReaders;
const result = await evaluateUnderstanding(readers);
const type = opt('type');
const split = opt('split');
result.misses = result.misses.filter((m) => (!type || m.type === type) && (!split || m.split === split));
console.log(`[understanding] ${readers.name}`);
for (const line of formatUnderstanding(result, argv.includes('--verbose'))) console.log(line);
