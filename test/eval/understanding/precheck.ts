/**
 * Checks readWhen's pre-check: over every understanding-corpus text, the bakery, bike-shop and BANKING77
 * questions and CLINC150's out-of-scope ones, a message the pre-check turns away must read as nothing
 * without it too. Prints how many it turned away and every text it should not have.
 * `nice -n 10 npx tsx test/eval/understanding/precheck.ts [DEV.json]`
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { readWhenFully } from '../../../src/domain/understanding/readWhen.js';
import { mayNameWhen } from '../../../src/domain/understanding/whenCue.js';
import { loadCorpus } from './corpus.js';

const here = import.meta.dirname;
const texts = new Set<string>((await loadCorpus()).map((e) => e.text));
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];
// A dev set written by test/understanding/corpus/tools/dev_specs.py may be named on the command line.
for (const file of [
  ...process.argv.slice(2),
  resolve(here, '../bakery.json'),
  resolve(here, '../bikes.json'),
  '/work/shared/eval/banking77-questions.json',
  '/work/shared/eval/clinc150-out-of-scope-dev.json',
]) {
  try {
    for (const s of strings(JSON.parse(await readFile(file, 'utf8')))) if (s.length < 300) texts.add(s);
  } catch {
    console.log(`(skipped ${file})`);
  }
}
const ctx = {
  timeZone: 'Australia/Sydney',
  now: DateTime.fromISO('2026-12-01T10:00:00', { zone: 'Australia/Sydney' }).toJSDate(),
};
let turnedAway = 0;
const wrong: string[] = [];
for (const text of texts) {
  if (mayNameWhen(text)) continue;
  turnedAway++;
  const full = readWhenFully(text, ctx);
  if (full !== undefined) wrong.push(`${JSON.stringify(text)} → ${JSON.stringify(full)}`);
}
console.log(`pre-check: ${texts.size} texts, ${turnedAway} turned away, of which the full reader reads ${wrong.length}:`);
for (const w of wrong) console.log(`  ${w}`);
