/** Debugging aid: `npx tsx test/eval/understanding/debugWhen.ts "text" [YYYY-MM-DDTHH:MM] [en-US]` prints every step. */
import { DateTime } from 'luxon';
import { readWhen } from '../../../src/domain/understanding/readWhen.js';
import { prepareWhenText } from '../../../src/domain/understanding/readWhenRules.js';
import { recognizeWhen } from '../../../src/domain/understanding/readWhenRecognizer.js';

const [text = '', at = '2026-12-01T10:00:00', locale = 'en-AU'] = process.argv.slice(2);
const now = DateTime.fromISO(at, { zone: 'Australia/Sydney' });
const dayFirst = locale !== 'en-US';
const p = prepareWhenText(text, now, dayFirst);
console.log('prepared', { ...p, window: p.window ? 'fn' : undefined });
console.log('recognizer', JSON.stringify(recognizeWhen(p.text, now)));
console.log('read', readWhen(text, { timeZone: 'Australia/Sydney', now: now.toJSDate(), dayFirst }));
