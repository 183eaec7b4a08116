/**
 * Reads a phone number: typed in any usual form (extractPhone, libphonenumber-js) or spelt out in
 * words ("oh four one two …", "double seven"), as people do on voice channels and sometimes in chat.
 */
import { extractPhone, type PhoneMatch } from './extractPhone.js';

const DIGITS: Record<string, string> = {
  oh: '0',
  o: '0',
  zero: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const SPOKEN =
  /\b(?:(?:double|triple)\s+)?(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)\b(?:[\s,-]+(?:(?:double|triple)\s+)?(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)\b)+/gi;

export function readPhone(text: string, region: string): PhoneMatch {
  // "0044 20 …" and "0011 44 …" (international prefixes) are "+44 20 …".
  const dialled = text.replace(/(^|[^\d+])(?:0011|00)\s?(?=[1-9]\d[\d\s().-]{6,})/g, '$1+');
  const typed = extractPhone(dialled, region);
  if (typed.phone) return typed;
  const spelt = dialled.replace(SPOKEN, (run) => {
    const words = run.toLowerCase().split(/[\s,-]+/);
    let out = '';
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const times = w === 'double' ? 2 : w === 'triple' ? 3 : 1;
      const digit = DIGITS[times > 1 ? words[++i]! : w] ?? '';
      out += digit.repeat(times);
    }
    return out.length >= 8 ? out : run;
  });
  return spelt === dialled ? typed : extractPhone(spelt, region);
}
