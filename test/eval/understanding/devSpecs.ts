/**
 * Runs the date and time readers over a development set written by
 * test/understanding/corpus/tools/dev_specs.py (spec entries outside the corpus; not held out):
 * `npx tsx test/eval/understanding/devSpecs.ts OUT.json [--verbose]`. Read what a change moves here
 * before reading the corpus figures.
 */
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { currentReaders } from './currentReaders.js';
import { timeMatches, type EvalContext, type ReadTime } from './readers.js';
import type { ExpectedTime } from './corpus.js';

interface DevEntry {
  type: 'date' | 'time';
  text: string;
  now: string;
  expect: ExpectedTime;
}

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: devSpecs.ts OUT.json [--verbose]');
const entries = JSON.parse(await readFile(file, 'utf8')) as DevEntry[];
const openingOn = (): Array<{ from: string; to: string }> => [{ from: '09:00', to: '17:00' }];
let pass = 0;
for (const e of entries) {
  const now = DateTime.fromISO(e.now, { zone: 'Australia/Sydney' }).toJSDate();
  // The specs are US English: 8/10 is August 10.
  const ctx: EvalContext = { now, timeZone: 'Australia/Sydney', region: 'AU', openingOn, dayFirst: false };
  const got: string | ReadTime | undefined =
    e.type === 'date' ? currentReaders.date(e.text, ctx) : currentReaders.time(e.text, ctx);
  const ok = e.type === 'date' ? got === e.expect.date : timeMatches(e.expect, got as ReadTime | undefined);
  if (ok) pass++;
  else if (flags.includes('--verbose'))
    console.log(
      `  miss [${e.type}] ${JSON.stringify(e.text)} @${e.now}: expected ${JSON.stringify(e.expect)}, got ${JSON.stringify(got)}`,
    );
}
console.log(`dev specs: ${pass}/${entries.length} (${(pass / entries.length).toFixed(2)})`);
