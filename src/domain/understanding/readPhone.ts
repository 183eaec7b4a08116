/**
 * Reads a phone number: typed in any usual form (extractPhone, libphonenumber-js) or spelt out in
 * words ("oh four one two …", "double seven"), as people do on voice channels and sometimes in chat.
 */
import { lookupTable } from '../lookupTable.js';
import { extractPhone, type PhoneMatch } from './extractPhone.js';
import { CARDINAL_WORDS } from './numberWords.js';

/** Digits said as words: the one to nine of the number table, and the ways of saying 0. */
const DIGITS: Readonly<Record<string, string | undefined>> = lookupTable({
  oh: '0',
  o: '0',
  zero: '0',
  nought: '0',
  ...Object.fromEntries(
    Object.entries(CARDINAL_WORDS)
      .filter(([, n]) => n !== undefined && n < 10)
      .map(([word, n]) => [word, String(n)]),
  ),
});
const SPOKEN =
  /\b(?:(?:double|triple)\s+)?(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)\b(?:[\s,-]+(?:(?:double|triple)\s+)?(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)\b)+/gi;

export function readPhone(text: string, region: string): PhoneMatch {
  // "0044 20 …" and "0011 44 …" (international prefixes) are "+44 20 …".
  const dialled = text.replace(/(^|[^\d+])(?:0011|00)\s?(?=[1-9]\d[\d\s().-]{6,})/g, '$1+');
  const typed = extractPhone(dialled, region);
  if (typed.phone) return typed;
  // The spans of the words spelt as digits, in the text as given: what reads as the number is masked
  // there, so "four five" of the number is never read again as a time.
  const runs: [number, number][] = [];
  const spelt = dialled.replace(SPOKEN, (run, offset: number) => {
    const words = run.toLowerCase().split(/[\s,-]+/);
    let out = '';
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const times = w === 'double' ? 2 : w === 'triple' ? 3 : 1;
      const digit = DIGITS[times > 1 ? words[++i]! : w] ?? '';
      out += digit.repeat(times);
    }
    if (out.length < 8) return run;
    runs.push([offset, offset + run.length]);
    return out;
  });
  if (spelt === dialled) return typed;
  const read = extractPhone(spelt, region);
  // "+" prefixes turned "0011 …" into a shorter text: spans of typed digits are not mapped back.
  return read.phone && dialled.length === text.length ? { ...read, spans: runs } : read;
}
