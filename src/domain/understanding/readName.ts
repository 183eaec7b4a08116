/**
 * Reads the name to ask for. Self-introductions ("I'm Dana", "Dana here") are read anywhere
 * (extractName); "ask for Sarah", "put it under Hannah", "my wife, Sophie" too. When the prompt asked
 * for a name, a plain answer is a name as well ("lucy", "Siobhan O'Brien", "Noah Brown, 0444 666 777"):
 * the first comma-separated part that is one to four words of letters, none of them a common word.
 */
import { extractName } from './extractName.js';
import { GRAMMAR_WORDS, NAME_STOP_WORDS } from './nameStopWords.js';
import { readYesNo } from './readYesNo.js';

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
  // Answers that put the question off: "idk", "whatever", "skip", "hold on", "never mind".
  'idk',
  'dunno',
  'whatever',
  'skip',
  'pass',
  'hold',
  'wait',
  'sec',
  'nevermind',
  'never',
  'hmm',
  'hmmm',
  'um',
  'umm',
  'uh',
  'anonymous',
  'anything',
  'something',
  'nothing',
  'matter',
  'doesnt',
  'dont',
  'put',
  'start',
  'again',
  'over',
  'reset',
  'restart',
]);

/** A first word that starts a question or a sentence about oneself, even when capitalised. */
const OPENS_SENTENCE = /^(?:i|we|you|what|when|where|which|why|how|who|do|does|is|are|please|just|not|no|yes|the|a)$/i;

export function readName(text: string, options: { expecting?: boolean } = {}): string | undefined {
  const clean = text.replace(/[+()\d][\d\s().+-]{5,}\d/g, ',').replace(/[’]/g, "'");
  const intro = extractName(clean).name;
  if (intro) return intro;
  const expecting = options.expecting ?? false;
  const lead = LEADS.exec(clean);
  if (lead) {
    const name = plausible(lead[1]!, expecting);
    if (name) return name;
  }
  if (!expecting) return undefined;
  // Greetings and the fillers of speech before a name: "uh Dave", "um, Dave", "yeah Dave".
  const spoken = clean.replace(/^\s*(?:(?:hi|hey|hello|uh+|um+|erm+|er|ah+|hmm+|yeah|oh|well|so)\b[\s,.]*)+/i, '');
  for (const part of spoken.split(/[,;:\n–—]|\s-\s|\band\b/)) {
    const name = plausible(part, true);
    if (name) return name;
    if (part.trim()) return undefined;
  }
  return undefined;
}

/**
 * One to four words of letters (a title may lead), title-cased. Out of a name prompt no word may be a
 * common word. At a name prompt ("Who should we ask for?") the answer is a name unless it clearly is
 * something else: names made of common words stand ("Nguyen Van An", "Will Smith" written as names,
 * "mark price", "pat best"), but not a phrase of common words alone ("not sure", "hold on"), a
 * sentence ("i want a large one") or an answer that puts the question off ("idk", "skip").
 */
function plausible(chunk: string, expecting: boolean): string | undefined {
  const words = chunk
    .trim()
    .replace(/[.!?]+$/, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length && NOT_NAMES.has(words.at(-1)!.toLowerCase())) words.pop();
  if (!words.length || words.length > 4 || !words.every((w) => WORD.test(w))) return undefined;
  const named = words.filter((w) => !TITLES.test(w));
  if (!named.length) return undefined;
  const lower = named.map((w) => w.toLowerCase().replace(/'/g, ''));
  // "doesn't", "can't": a contraction is never a name.
  if (lower.some((w) => NOT_NAMES.has(w)) || named.some((w) => /n't$/i.test(w))) return undefined;
  const common = lower.filter((w) => NAME_STOP_WORDS.has(w));
  if (common.length) {
    if (!expecting || common.length === named.length) return undefined;
    // Written as a name (every word capitalised, not shouted), or common words that are not grammar
    // after a first word that is not common ("mark price").
    const asName = named.length > 1 && named.every((w) => /^\p{Lu}/u.test(w)) && named.some((w) => /\p{Ll}/u.test(w));
    const allowed = asName
      ? !OPENS_SENTENCE.test(named[0]!)
      : !NAME_STOP_WORDS.has(lower[0]!) && common.every((w) => !GRAMMAR_WORDS.has(w));
    // "sounds good", "all good mate": a yes or no in common words is an answer, not a name.
    if (!allowed || readYesNo(named.join(' ')) !== undefined) return undefined;
  }
  return words.map(titleCase).join(' ');
}

function titleCase(word: string): string {
  const w = word === word.toUpperCase() && word.length > 1 ? word.toLowerCase() : word;
  return w.replace(/(^|[-'])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
