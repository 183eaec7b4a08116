/**
 * CPU cost of reading one message: every corpus text through the offline recognizer (entities,
 * intent, yes/no) at the sample business's context, after a warm-up round. Reported in the issue
 * notes, not asserted anywhere (timing belongs to benches, not tests).
 * `nice -n 10 npx tsx test/eval/understanding/cost.ts [--rounds 3]`
 */
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { openingOn } from '../../../src/domain/schedule/openingOn.js';
import { createOfflineRecognizer } from '../../../src/domain/understanding/offlineRecognizer.js';
import type { RecognizerContext } from '../../../src/domain/understanding/types.js';
import { loadBusiness } from '../../../src/knowledge/markdownLoader.js';
import { loadCorpus } from './corpus.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const business = await loadBusiness(resolve(import.meta.dirname, '../../../knowledge'));
const corpus = await loadCorpus();
const texts = corpus.map((e) => ({ text: e.text, now: DateTime.fromISO(e.now, { zone: business.timeZone }).toJSDate() }));
// Plus ordinary chat turns that name no time (most of a real conversation).
const chat = [
  'hi',
  'do you deliver to parramatta?',
  'what are your opening hours',
  'thanks!',
  'can I talk to a person',
  'how much is a dozen?',
  'ok great',
  'I would like to order something for a party',
];
const recognizer = createOfflineRecognizer();
const hours = openingOn(business);
const ctx = (now: Date): RecognizerContext => ({
  timeZone: business.timeZone,
  defaultPhoneRegion: business.defaultPhoneRegion,
  products: business.products.flatMap((p) => [p.name, ...p.aliases]),
  now,
  locale: business.locale,
  openingOn: hours,
});

async function measure(items: Array<{ text: string; now: Date }>): Promise<number> {
  for (const t of items) await recognizer.recognize(t.text, ctx(t.now)); // warm-up
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const t of items) await recognizer.recognize(t.text, ctx(t.now));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / (rounds * items.length);
}

const now = new Date('2026-12-01T00:00:00Z');
const corpusMs = await measure(texts);
const chatMs = await measure(chat.map((text) => ({ text, now })));
console.log(
  `CPU per message: corpus ${corpusMs.toFixed(2)} ms (${texts.length} texts × ${rounds}), chat without times ${chatMs.toFixed(2)} ms`,
);
