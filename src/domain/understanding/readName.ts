/**
 * Reads the name to ask for. Self-introductions ("I'm Dana", "Dana here") are read anywhere
 * (extractName); "ask for Sarah", "put it under Hannah", "my wife, Sophie" too. When the prompt asked
 * for a name, a plain answer is a name as well ("lucy", "Siobhan O'Brien", "Noah Brown, 0444 666 777"):
 * the first comma-separated part that is one to four words of letters, none of them a common word.
 */
import { extractName } from './extractName.js';
import { NAME_STOP_WORDS } from './nameStopWords.js';

const TITLES = /^(?:mr|mrs|ms|miss|dr|mx)\.?$/i;
const LEADS =
  /\b(?:ask\s+for|put\s+it\s+under|under\s+the\s+name(?:\s+of)?|the\s+name\s+is|name\s+should\s+be|should\s+be|call(?!\s+(?:me|us|back)\b)|my\s+(?:husband|wife|partner|son|daughter|mum|mom|dad|boss),?|me,|just|not\s+\p{L}+,|it'?s|its|to)\s+(\p{L}[\p{L}'’-]*(?:\s+\p{L}[\p{L}'’-]*){0,2})/iu;
const WORD = /^\p{L}[\p{L}'’-]*$/u;
const NOT_NAMES = new Set([
  'please',
  'thanks',
  'thank',
  'cheers',
  'ta',
  'pls',
  'thx',
  'instead',
  'here',
  'on',
  'mate',
  'pick',
  'deliver',
  'delivery',
  'pickup',
  'collect',
  'cancel',
  'help',
  'stop',
  'human',
  'person',
  'agent',
  'staff',
  'tomorrow',
  'today',
  'tonight',
  'morning',
  'afternoon',
  'evening',
  'arvo',
  'asap',
  'same',
  'rather',
  'say',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'hello',
  'hi',
  'hey',
  'yes',
  'yeah',
  'yep',
  'nope',
  'nah',
  'ok',
  'okay',
  'sure',
  'thanks',
  'order',
  'callback',
  'call',
]);

export function readName(text: string, options: { expecting?: boolean } = {}): string | undefined {
  const clean = text.replace(/[+()\d][\d\s().+-]{5,}\d/g, ',').replace(/[’]/g, "'");
  const intro = extractName(clean).name;
  if (intro) return intro;
  const lead = LEADS.exec(clean);
  if (lead) {
    const name = plausible(lead[1]!);
    if (name) return name;
  }
  if (!options.expecting) return undefined;
  for (const part of clean.split(/[,;:\n–—]|\s-\s|\band\b/)) {
    const name = plausible(part.replace(/^\s*(?:hi|hey|hello)\b/i, ''));
    if (name) return name;
    if (part.trim()) return undefined;
  }
  return undefined;
}

/** One to four words of letters (a title may lead), none a common word; title-cased. */
function plausible(chunk: string): string | undefined {
  const words = chunk
    .trim()
    .replace(/[.!?]+$/, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length && NOT_NAMES.has(words.at(-1)!.toLowerCase())) words.pop();
  if (!words.length || words.length > 4 || !words.every((w) => WORD.test(w))) return undefined;
  const named = words.filter((w) => !TITLES.test(w));
  if (!named.length) return undefined;
  if (named.some((w) => NAME_STOP_WORDS.has(w.toLowerCase()) || NOT_NAMES.has(w.toLowerCase()))) return undefined;
  return words.map(titleCase).join(' ');
}

function titleCase(word: string): string {
  const w = word === word.toUpperCase() && word.length > 1 ? word.toLowerCase() : word;
  return w.replace(/(^|[-'])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
