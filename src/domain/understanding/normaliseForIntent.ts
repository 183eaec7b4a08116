/**
 * Prepares a message for the intent rules: lower case, no punctuation, known misspellings and
 * texting shorthand replaced, and longer words within a typo or two of a rule keyword corrected.
 * Reports how many corrections it made, so the classifier can lower its confidence.
 */
import { allowedTypos, editDistance, normalise } from './textTools.js';
import { lookupTable } from '../lookupTable.js';
import { CHAT_SHORTHAND } from './chatShorthand.js';

/** Explicit variants, mostly too short for edit distance to be safe. */
const VARIANTS = lookupTable<string>({
  ...CHAT_SHORTHAND,
  thankyou: 'thank you',
  pleas: 'please',
  wht: 'what',
  hw: 'how',
  hwo: 'how',
  whats: 'what is',
  im: 'i am',
  id: 'i would',
  ill: 'i will',
  ive: 'i have',
  dont: 'do not',
  cant: 'can not',
  cannot: 'can not',
  wont: 'will not',
  didnt: 'did not',
  doesnt: 'does not',
  isnt: 'is not',
  lets: 'let us',
  thats: 'that is',
  ordr: 'order',
  oder: 'order',
  orda: 'order',
  buyy: 'buy',
  cal: 'call',
  caal: 'call',
  cll: 'call',
  bak: 'back',
  bck: 'back',
  calback: 'callback',
  callbak: 'callback',
  cb: 'callback',
  prsn: 'person',
  hmn: 'human',
  rep: 'representative',
  bi: 'bye',
  byee: 'bye',
  byebye: 'bye',
  gday: 'g day',
  hiya: 'hi',
  heya: 'hey',
  yep: 'yes',
  yup: 'yes',
  yeah: 'yes',
  yea: 'yes',
  yas: 'yes',
  ye: 'yes',
  yess: 'yes',
  ok: 'okay',
  k: 'okay',
  kk: 'okay',
  okey: 'okay',
  okie: 'okay',
  nope: 'no',
  nah: 'no',
  naw: 'no',
  nop: 'no',
  nevermind: 'never mind',
  recs: 'recommendations',
  rec: 'recommend',
  hlp: 'help',
  halp: 'help',
  stp: 'stop',
});

/** Keywords the rules rely on; long enough (5+) for typo correction to be safe. */
const KEYWORDS = [
  'recommend',
  'recommendation',
  'recommendations',
  'suggest',
  'suggestion',
  'suggestions',
  'advice',
  'advise',
  'choose',
  'choosing',
  'decide',
  'deciding',
  'between',
  'which',
  'better',
  'callback',
  'phone',
  'contact',
  'number',
  'tomorrow',
  'someone',
  'somebody',
  'anyone',
  'person',
  'human',
  'agent',
  'representative',
  'operator',
  'manager',
  'speak',
  'talk',
  'order',
  'ordering',
  'purchase',
  'cancel',
  'cancelled',
  'restart',
  'start',
  'reset',
  'delete',
  'erase',
  'remove',
  'forget',
  'details',
  'information',
  'thanks',
  'thank',
  'cheers',
  'appreciate',
  'appreciated',
  'goodbye',
  'hello',
  'morning',
  'afternoon',
  'evening',
  'browsing',
  'looking',
  'please',
  'really',
  'absolutely',
  'definitely',
  'correct',
  'perfect',
  'great',
  'sounds',
  'interested',
  'available',
];

/** Real words one or two edits from a keyword; never corrected. */
const KEEP = new Set([
  'older',
  'other',
  'orders',
  'border',
  'water',
  'after',
  'later',
  'latter',
  'letter',
  'place',
  'price',
  'prices',
  'phones',
  'photo',
  'photos',
  'phoned',
  'speed',
  'spear',
  'treat',
  'great',
  'greet',
  'create',
  'there',
  'these',
  'those',
  'where',
  'while',
  'white',
  'whole',
  'which',
  'witch',
  'watch',
  'match',
  'check',
  'cheese',
  'chores',
  'choice',
  'chose',
  'chosen',
  'close',
  'those',
  'agents',
  'aged',
  'start',
  'stars',
  'smart',
  'stare',
  'state',
  'store',
  'stores',
  'story',
  'stall',
  'still',
  'stole',
  'cancer',
  'canned',
  'calls',
  'called',
  'caller',
  'rested',
  'reset',
  'resets',
  'remote',
  'removed',
  'decade',
  'decided',
  'beside',
  'detail',
  'retail',
  'numbers',
  'member',
  'lumber',
  'plenty',
  'pleased',
  'lease',
  'reality',
  'really',
  'realty',
  'morning',
  'mourning',
  'better',
  'butter',
  'bitter',
  'letter',
  'setter',
  'batter',
  'forgot',
  'forget',
  'target',
  'person',
  'prison',
  'poison',
  'parson',
  'humane',
  'humans',
  'someone',
  'somehow',
  'anyway',
  'anyone',
  'talks',
  'talked',
  'speaks',
  'sound',
  'round',
  'think',
  'thinks',
  'thick',
  'thing',
  'things',
  'thank',
  'tanks',
  'drink',
  'shanks',
  'hello',
  'hells',
  'sounds',
  'wounds',
  'pounds',
  'founds',
  'mounds',
  'phony',
  'shone',
  'stone',
  'alone',
  'agree',
  'urgent',
  'perfume',
  'correct',
  'collect',
  'connect',
  'content',
  'context',
  'contract',
  'perfect',
  'prefect',
]);

export interface Normalised {
  text: string;
  tokens: string[];
  corrections: number;
}

export function normaliseForIntent(raw: string): Normalised {
  let corrections = 0;
  const tokens: string[] = [];
  for (const token of normalise(expandContractions(raw)).split(' ').filter(Boolean)) {
    const variant = VARIANTS[token];
    if (variant !== undefined) {
      tokens.push(...variant.split(' '));
      continue;
    }
    const fixed = correct(token);
    if (fixed !== token) corrections++;
    tokens.push(fixed);
  }
  return { text: tokens.join(' '), tokens, corrections };
}

/** "we'd" → "we would", "can't" → "can not", before apostrophes are dropped. */
function expandContractions(raw: string): string {
  return raw
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\bcan't\b/gi, 'can not')
    .replace(/\bwon't\b/gi, 'will not')
    .replace(/n't\b/gi, ' not')
    .replace(/\b(i|we|you|they|he|she)'d\b/gi, '$1 would')
    .replace(/\b(i|we|you|they|he|she)'ll\b/gi, '$1 will')
    .replace(/\b(we|you|they)'re\b/gi, '$1 are')
    .replace(/\b(i|we|you|they)'ve\b/gi, '$1 have')
    .replace(/\bi'm\b/gi, 'i am');
}

/** Corrections already worked out: words repeat across messages, and each costs ~80 distances. */
const corrected = new Map<string, string>();
const MAX_REMEMBERED = 20_000;

function correct(token: string): string {
  const known = corrected.get(token);
  if (known !== undefined) return known;
  const result = closestKeyword(token);
  if (corrected.size >= MAX_REMEMBERED) corrected.clear();
  corrected.set(token, result);
  return result;
}

function closestKeyword(token: string): string {
  if (token.length < 5 || KEEP.has(token) || KEYWORDS.includes(token) || /\d/.test(token)) return token;
  let best: { word: string; distance: number } | undefined;
  for (const word of KEYWORDS) {
    const allowed = Math.min(allowedTypos(word), allowedTypos(token));
    if (allowed === 0) continue;
    const distance = editDistance(token, word, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word ?? token;
}
