/**
 * Checks readWhen's pre-checks: over every understanding-corpus text, the bakery, bike-shop and BANKING77
 * questions and CLINC150's out-of-scope ones, a message the pre-check turns away must read as nothing
 * without it too, and a text (as readWhen's own rules leave it) that the stricter pre-check before
 * Recognizers-Text turns away must give the recognizer's reading nothing. Prints how many each turned
 * away and every text it should not have.
 * `nice -n 10 npx tsx test/eval/understanding/precheck.ts [DEV.json]`
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { readWhenFully } from '../../../src/domain/understanding/readWhen.js';
import { recognizeWhen } from '../../../src/domain/understanding/readWhenRecognizer.js';
import { prepareWhenText } from '../../../src/domain/understanding/readWhenRules.js';
import { mayNameWhen, mayRecognizeWhen } from '../../../src/domain/understanding/whenCue.js';
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

// The recognizer's own pre-check, on the text it is given: what the rules leave of each message.
const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
let asked = 0;
let spared = 0;
const lost: string[] = [];
for (const text of texts) {
  for (const dayFirst of [true, false]) {
    const rest = prepareWhenText(text, now, dayFirst).text;
    if (!mayNameWhen(rest)) continue;
    asked++;
    if (mayRecognizeWhen(rest)) continue;
    spared++;
    const read = recognizeWhen(rest, now, { precheck: false });
    if (read.candidates.length || read.times.length || read.text) lost.push(`${JSON.stringify(rest)} → ${JSON.stringify(read)}`);
  }
}
console.log(
  `recognizer pre-check: ${asked} texts past the first, ${spared} spared the recognizer, of which it reads ${lost.length}:`,
);
for (const l of lost) console.log(`  ${l}`);

// A text whose only time is one plain clock time is read without the recognizer: the same reading?
const clock: string[] = [];
for (let h = 1; h <= 12; h++) {
  for (const m of ['', ':00', ':05', ':30', ':45']) {
    for (const mer of ['am', 'pm', ' am', ' pm']) {
      for (const [a, b] of [
        ['', ''],
        ['at ', ''],
        ['call me at ', ' please'],
        ['ring me on 0412 345 678 at ', ", i'm dana"],
        ['at ', ' on the dot'],
        ['can you do ', '?'],
      ]) {
        clock.push(` ${a}${h}${m}${mer}${b} `);
      }
    }
  }
}
const differ: string[] = [];
for (const rest of [
  ...[...texts].flatMap((text) => [true, false].map((dayFirst) => prepareWhenText(text, now, dayFirst).text)),
  ...clock,
]) {
  if (!mayRecognizeWhen(rest)) continue;
  const read = recognizeWhen(rest, now);
  const asked = recognizeWhen(rest, now, { precheck: false });
  if (JSON.stringify(read) === JSON.stringify(asked)) continue;
  differ.push(`${JSON.stringify(rest)} → ${JSON.stringify(read)}, the recognizer: ${JSON.stringify(asked)}`);
}
console.log(`lone clock times: ${differ.length} read otherwise than the recognizer reads them:`);
for (const d of differ.slice(0, 40)) console.log(`  ${d}`);
