/**
 * The language data the analyzer applies: stop words, phrase rewrites, abbreviations, spelling
 * variants and synonym groups. Everything here is general English and general commerce vocabulary —
 * never a fact about one business — so that any operator's knowledge base benefits from it.
 */
import { lookupTable } from '../domain/lookupTable.js';
import { CHAT_SHORTHAND } from '../domain/understanding/chatShorthand.js';

/**
 * Courtesies and laughter around a chat question ("do you deliver to bondi thanks mate", "… a disaster
 * haha"): they never name what is asked, so they are not words a passage must cover.
 */
const CHAT_PLEASANTRIES = `thanks thank thankyou thx ty cheers mate haha hahaha hehe lol lmao xx xxx xoxo sorry oh oops
  wow omg ugh hiya kindly regards`;

/**
 * The question without the courtesies at its ends and without its announcement ("hi, quick
 * question: do you deliver to bondi? thanks mate" → "do you deliver to bondi?"), and in lower case
 * when it is shouted, for the sentence model, which reads every word it is given, and reads
 * "DELIVER" apart from "deliver".
 */
export function withoutCourtesies(question: string): string {
  // Shouting is read as written in lower case; other text keeps its case (the passages' vectors are of cased text).
  const letters = question.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  const text = letters.length >= 4 && upper >= 0.6 * letters.length ? question.toLowerCase() : question;
  const out = text
    .replace(QUESTION_FRAMING, ' ')
    .replace(COURTESY_EDGES, '')
    .replace(/([?!.])\1+/g, '$1')
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length >= 3 ? out : question;
}

const COURTESY = `(?:thank you(?: so much| very much)?|thanks(?: so much| heaps| a lot| in advance)?|hi there|hey there|${CHAT_PLEASANTRIES.trim().split(/\s+/).join('|')}|hi|hello|hey|please|pls)`;
// "ok", "yeah", "um" open a message as fillers; at its end "is that ok" asks.
const COURTESY_EDGES = new RegExp(
  `^(?:\\s*(?:${COURTESY}|ok|okay|yeah|um|so)\\b[\\s!.,:;]*)+|(?:[\\s,!.]*\\b${COURTESY}\\b)+[\\s!.,:;)(]*$`,
  'gi',
);

/** "quick question:", "i have a question", "one more thing": a question's announcement, not its topic. */
const QUESTION_FRAMING =
  /\b(?:(?:just )?(?:a )?quick (?:question|one|q)|(?:i (?:have|had|got) )?(?:a |one |another |one more )?(?:question|query)(?: for (?:you|u))?|one more thing|can i ask(?: you)?(?: something)?|(?:i was |i'?m |i am |just )?wondering|i (?:wanted|want|would like|'?d like) to (?:ask|know))\b[\s:,.-]*/gi;

/** Words that carry no topic in a customer's question (checked before stemming). */
export const STOP_WORDS = new Set(
  `a about above after again all also am an and any anyone anything are aren as at be because been before being
  below both but by can cannot could couldn did didn do does doesn doing don done down during each either else
  ever every few for from further get gets getting give gives go goes going got had has have having he her here
  hers him his hey hi hello how i if im in into is isn it its itself ive just know let like ll me mine more most
  much must my myself need needs no nor not now of off ok okay on once one ones only or other ought our ours
  ourselves out over own please pls plz possible re really s same shall she should so some something sort still
  such sure t tell than that thats the their theirs them then there theres these they thing things this those
  through to too u under until up us ve very want wanted wanting was wasn way we well were what whats when where
  which while who whom why will with won would wouldn ya yes yet you your youre yours yourself yourselves d m
  kind kinds available able anybody guys someone somebody anyway already actually maybe bit lot lots
  use uses using sell sells selling sold offer offers offering offered provide provides providing provided
  carry carries carrying stock stocks make makes making made happen happens happened look looking
  option options choice choices type types stuff ask asking wonder wondering wondered question thinking think
  didnt dont doesnt cant wont isnt arent wasnt werent havent hasnt shouldnt wouldnt couldnt youre theyre ive
  never always even ever whether though although uh uhh um umm erm er ah hmm yeah yep yup
  ${CHAT_PLEASANTRIES}`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Common verbs, adjectives and people words that rarely name what a question is about: they count,
 * but far less than their rarity in the knowledge would suggest ("my partner", "you gave me"). So do
 * days of the week and parts of the day: in "can I book it in for saturday morning" they say when,
 * not what.
 */
export const WEAK_WORDS = new Set(
  `leave left give gave given take took taken put come came coming bring brought keep kept try tried say said see saw
  show shown mean meant told seem turn start stop help find found feel felt hold run wait waiting let lets go went
  gone happen work works working done doing does did live worry worried sort
  good best better great nice lovely right enough whole full entire next real fine bad new old same
  different extra exactly maybe probably usually normally anyway please
  partner wife husband friend friends boyfriend girlfriend mum mom dad mother father brother sister family
  tip tips advice idea ideas help home house place somewhere anywhere policy policies
  boss colleague colleagues guy guys someone everyone everything anything something
  monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays
  sunday sundays morning mornings afternoon afternoons evening evenings`
    .split(/\s+/)
    .filter(Boolean),
);

/** Units that bind to the number before them ("8 inch" is a size, "8 people" a count). */
export const UNITS = new Set(
  `cm mm km kg ml l wh kwh mph kmh inch inches in ft foot feet mile miles hour hours hr hrs day days week weeks
  month months year years minute minutes min mins am pm percent speed gear gears`
    .split(/\s+/)
    .filter(Boolean),
);

/** Abbreviations, and the chat shorthand shared with the intent rules, expanded word by word before anything else. */
export const ABBREVIATIONS = lookupTable<string>({
  ...CHAT_SHORTHAND,
  pax: 'people',
  gf: 'gluten free',
  df: 'dairy free',
  bday: 'birthday',
  xmas: 'christmas',
  insta: 'instagram',
  ig: 'instagram',
  fb: 'facebook',
  asap: 'urgent',
  approx: 'about',
  wk: 'week',
  wks: 'weeks',
  hr: 'hour',
  hrs: 'hours',
  mins: 'minutes',
  qty: 'quantity',
  diff: 'different',
  amex: 'american express',
  bf: 'boyfriend',
  w: 'with',
  wo: 'without',
  ph: 'phone',
  tel: 'phone',
  mob: 'mobile',
  addr: 'address',
  nr: 'near',
  min: 'minimum',
  max: 'maximum',
  eta: 'arrive time',
  nyc: 'new york',
  appt: 'appointment',
});

/** British and American spellings that the suffix rules below do not catch. */
export const SPELLINGS = lookupTable<string>({
  tyre: 'tire',
  tyres: 'tires',
  centre: 'center',
  metre: 'meter',
  metres: 'meters',
  aluminium: 'aluminum',
  cheque: 'check',
  catalogue: 'catalog',
  catalogues: 'catalogs',
  programme: 'program',
  grey: 'gray',
  jewellery: 'jewelry',
  mum: 'mom',
  pyjamas: 'pajamas',
  licence: 'license',
  practise: 'practice',
  doughnut: 'donut',
  doughnuts: 'donuts',
  mould: 'mold',
  enrol: 'enroll',
  kerb: 'curb',
  cosy: 'cozy',
  personalised: 'personalized',
  personalise: 'personalize',
  organise: 'organize',
  organised: 'organized',
  customise: 'customize',
  customised: 'customized',
  apologise: 'apologize',
  recognise: 'recognize',
});

/** Number words written out, read as digits (so "three tier" meets "3-tier"). */
export const NUMBER_WORDS = lookupTable<string>({
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  hundred: '100',
  dozen: 'dozen 12',
  couple: '2',
  pair: 'pair 2',
});

/**
 * Multi-word phrasings rewritten before tokenising, so that meaning carried by stop words survives
 * ("how much" asks for a price, "how long" for a duration).
 */
export const PHRASES: [RegExp, string][] = [
  // How a question is announced says nothing about it ("quick question: do you deliver to bondi").
  [QUESTION_FRAMING, ' '],
  [/\b(?:phone|telephone|contact|mobile|cell) (?:number|no|#)\b/g, ' phone '],
  [/\bnever (?=used|opened|worn|ridden)|\bnot (?=used|opened|worn)/g, ' un'],
  [
    /\bare (?:you|u|ya) (?:hiring|recruiting)\b|\b(?:job|jobs|career|careers) (?:opening|openings|vacancy|vacancies)\b/g,
    ' job vacancy ',
  ],
  [/\bhow much notice\b/g, ' notice '],
  [/\bhow much\b/g, ' price '],
  [
    /\bhow long (?:have|has) (?:you|u|the \w+|it) (?:been|existed)(?: around| in business| going| open| trading)?\b/g,
    ' founded history ',
  ],
  [/\bhow long\b/g, ' duration '],
  [/\bhow (?:far|early) (?:ahead|in advance|before)\b|\bin advance\b|\bhow early\b/g, ' notice '],
  [/\bhow far\b/g, ' distance '],
  [/\bhow fast\b/g, ' speed '],
  [/\bhow often\b/g, ' frequency '],
  [/\bhow old\b|\byears? old\b|\byr olds?\b/g, ' age '],
  [/\bhow (?:big|large|tall|wide)\b/g, ' size '],
  [/\bhow many (?:people|guests|persons)\b/g, ' serves '],
  [/\bminimum number\b|\bmin number\b|\bsmallest number\b/g, ' minimum '],
  [/\bhow many\b/g, ' quantity '],
  [/\bbring (?:it|them|the \w+) (?:to|round|over|out)\b|\bsend (?:it|them|the \w+) (?:to|round|over|out)\b/g, ' deliver '],
  [/\bwhat time\b/g, ' hours '],
  [/\bhow late\b|\buntil when\b|\b(?:open|stay open) (?:un)?till?\b|\bopen until\b/g, ' open closing hours '],
  [/\bwho (?:owns|runs|started|founded|is behind)\b/g, ' founder '],
  [/\bwhen (?:are|r) (?:you|u) open\b/g, ' opening hours '],
  [/\b(?:where (?:is|are|r)|wheres|where can i find)\b/g, ' location '],
  [/\b(?:money|cash) back\b/g, ' refund '],
  [/\bcalled off\b|\bcall(?:ing)? off\b/g, ' cancel '],
  [/\bcall(?:ed|ing)? (?:me |you |us )?back\b|\bcallback\b/g, ' callback call '],
  [/\bdrop(?:ped|ping)? (?:it |them |my \w+ )?off\b/g, ' dropoff '],
  [/\b(?:grab|get|fetch|collect|pick) (?:it|them|the \w+) (?:up )?(?:myself|ourselves|in person)\b/g, ' pickup '],
  [/\bpick(?:ed|ing|s)? (?:it |them )?up\b|\bpick-up\b/g, ' pickup '],
  [/\bsame[- ]day\b|\bon the day\b/g, ' sameday '],
  [/\blast[- ]minute\b/g, ' lastminute '],
  [/\bsecond[- ]hand\b|\bpre[- ]owned\b|\bpre[- ]loved\b/g, ' used '],
  [/\btrade[- ]ins?\b/g, ' tradein '],
  [/\btrade (my |it |your |the |an? )?((?:\w+ ){0,3})in\b/g, ' tradein $1$2 '],
  [/\border (?:number|no|ref)\b|\bconfirmation number\b/g, ' order reference '],
  [/\b(?:pay|paying|payment) (?:monthly|in instalments|in installments|over time)\b|\bpayment plans?\b/g, ' finance '],
  [/\bup ?front\b/g, ' upfront '],
  [/\bgift (?:cards?|certificates?)\b/g, ' giftcard '],
  [/\bice[- ]creams?\b/g, ' icecream '],
  [/\bfor life\b/g, ' lifetime '],
  [/\bput (?:it|them|\w+) together\b|\bbuild (?:it |them )?up\b/g, ' assemble '],
  [/\bfree range\b/g, ' freerange '],
  [/\bnew year\b|\bnew years\b/g, ' newyear '],
  [/\bpublic holidays?\b|\bbank holidays?\b/g, ' holiday '],
];

/**
 * Groups of words customers use for one concept, each with how much a match through the group is
 * worth (a question word always matches itself at 1). Members are stemmed when the table is built.
 */
export const SYNONYM_GROUPS: [number, string[]][] = [
  // Forms of one word the stemmer keeps apart: as good as the word itself.
  [1, ['rent', 'rental', 'renting', 'rentals', 'renter', 'renters']],
  [1, ['pay', 'paid', 'paying', 'payment', 'payments']],
  [1, ['buy', 'bought', 'buying']],
  [1, ['deliver', 'delivery', 'deliveries', 'delivered']],
  [1, ['cancel', 'cancellation', 'cancelled']],
  [1, ['collect', 'collection']],
  [1, ['assemble', 'assembly', 'assembled']],
  [1, ['book', 'booking']],
  [1, ['serve', 'serves', 'serving', 'servings']],
  [1, ['ship', 'shipping']],
  [1, ['fit', 'fitting', 'fittings']],
  [1, ['tradein', 'trade']],
  [1, ['sell', 'sold', 'sale']],
  [1, ['allergy', 'allergic', 'allergies']],
  [1, ['electric', 'electrical']],
  [1, ['store', 'storage']],
  [0.8, ['price', 'cost', 'charge', 'fee', 'pricing', 'rate', 'dollar', 'expensive', 'cheap', 'cheapest', 'quote']],
  [0.8, ['free', 'complimentary', 'included', 'include']],
  [0.8, ['deliver', 'delivery', 'ship', 'shipping', 'courier', 'dispatch', 'dropoff']],
  [0.6, ['deliver', 'bring', 'send', 'cover', 'area']],
  [0.8, ['pickup', 'collect', 'collection']],
  [0.8, ['refund', 'reimburse', 'reimbursement']],
  [0.6, ['refund', 'return']],
  [0.8, ['cancel', 'cancellation']],
  [0.8, ['hours', 'open', 'opening', 'close', 'closing', 'closed', 'shut', 'shuts']],
  [0.8, ['payment', 'pay', 'paid', 'card', 'cash', 'transfer', 'eftpos', 'visa', 'mastercard', 'express']],
  [0.8, ['allergy', 'allergen', 'allergic', 'intolerance', 'intolerant']],
  [0.8, ['serves', 'serve', 'serving', 'people', 'guests', 'persons', 'feed', 'feeds', 'crowd']],
  [0.8, ['big', 'large', 'huge', 'biggest', 'largest', 'bigger', 'larger']],
  [0.8, ['small', 'little', 'mini', 'smallest', 'tiny', 'smaller', 'bite']],
  [0.6, ['size', 'sizes', 'sized', 'big', 'small', 'large', 'height', 'tall']],
  [0.8, ['order', 'buy', 'purchase', 'bought']],
  [0.8, ['book', 'booking', 'appointment', 'reserve', 'reservation']],
  [0.8, ['kid', 'kids', 'child', 'children', 'toddler', 'daughter', 'son', 'junior', 'youth']],
  [0.8, ['fix', 'repair', 'mend', 'puncture', 'flat']],
  [0.8, ['service', 'servicing', 'serviced', 'maintenance', 'tuneup', 'checkup']],
  [0.6, ['service', 'repair', 'fix', 'work']],
  [0.8, ['warranty', 'guarantee', 'guaranteed', 'covered', 'lifetime']],
  [0.8, ['location', 'address', 'located', 'directions', 'street']],
  [0.6, ['location', 'shop', 'store', 'visit']],
  [0.8, ['contact', 'phone', 'call', 'ring', 'email', 'reach', 'telephone', 'mobile']],
  [0.8, ['discount', 'deal', 'sale', 'promo', 'coupon', 'cheaper', 'savings']],
  [0.8, ['voucher', 'giftcard', 'certificate']],
  [0.8, ['keep', 'stay', 'last', 'storage', 'fresh', 'leftover', 'leftovers']],
  [0.8, ['fridge', 'refrigerator', 'refrigerate', 'chill', 'chilled', 'cold']],
  [0.9, ['freeze', 'frozen', 'froze', 'freezer', 'freezing']],
  [0.8, ['message', 'writing', 'write', 'written', 'inscription', 'lettering', 'letters', 'characters']],
  [0.8, ['change', 'modify', 'amend', 'alter', 'update', 'switch', 'swap', 'move', 'reschedule', 'postpone']],
  [0.8, ['deposit', 'upfront', 'balance', 'instalment']],
  [0.6, ['deposit', 'hold', 'bond', 'security']],
  [0.8, ['notice', 'advance', 'ahead', 'lead', 'early', 'beforehand']],
  [0.8, ['urgent', 'rush', 'hurry', 'sameday', 'lastminute', 'express', 'today', 'tonight', 'tomorrow']],
  [0.8, ['rent', 'rental', 'hire', 'borrow', 'lease', 'renting']],
  [0.8, ['finance', 'financing', 'instalment', 'installment', 'afterpay', 'loan', 'apr', 'interest']],
  // "monthly" is finance only sometimes ("a monthly invoice" is not a payment plan).
  [0.6, ['finance', 'monthly']],
  [0.8, ['tradein', 'exchange', 'trade']],
  [0.6, ['wedding', 'engagement', 'anniversary', 'party', 'celebration', 'birthday', 'event', 'function', 'occasion']],
  [0.8, ['corporate', 'business', 'office', 'company', 'work', 'workplace', 'client', 'clients', 'invoice']],
  [0.6, ['weekend', 'saturday', 'sunday']],
  [0.6, ['weekday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday']],
  [0.8, ['holiday', 'christmas', 'easter', 'boxing', 'thanksgiving', 'newyear']],
  [0.8, ['used', 'secondhand', 'refurbished']],
  [0.8, ['photo', 'picture', 'image', 'print', 'printed']],
  [0.8, ['id', 'identification', 'license', 'passport']],
  [0.8, ['age', 'aged', 'ages', 'older', 'adult', 'adults']],
  [0.8, ['speed', 'fast', 'mph', 'kmh']],
  [0.8, ['distance', 'range', 'far', 'miles', 'km']],
  [0.6, ['duration', 'long', 'time', 'days', 'hours', 'minutes', 'weeks', 'months', 'take', 'takes']],
  [0.8, ['founder', 'founded', 'owner', 'established', 'history', 'since', 'started']],
  [0.8, ['minimum', 'least', 'quantity']],
  [0.8, ['text', 'sms']],
  [0.8, ['date', 'day']],
  [0.8, ['reference', 'confirmation']],
  [0.8, ['ingredient', 'ingredients', 'recipe']],
  [0.6, ['sugar', 'diabetic', 'keto', 'carb']],
  [0.8, ['vegan', 'plant']],
  [0.8, ['gluten', 'coeliac', 'celiac']],
  [0.8, ['damaged', 'squashed', 'broken', 'wrong', 'incorrect', 'problem', 'complaint', 'faulty', 'damage']],
  [0.8, ['assemble', 'assembly', 'assembled', 'build', 'setup']],
  [0.8, ['parking', 'park', 'car']],
  [0.8, ['job', 'vacancy', 'career', 'employment']],
  [0.8, ['test', 'try', 'trial', 'demo']],
  [0.8, ['frequency', 'year', 'yearly', 'annually', 'month']],
  [0.8, ['transport', 'driving', 'drive', 'car', 'carry']],
  [0.8, ['slice', 'slices', 'cut', 'cutting', 'portion', 'portions']],
  [0.8, ['area', 'suburb', 'suburbs', 'zone', 'zones', 'postcode', 'region', 'neighborhood']],
  [0.8, ['steal', 'stolen', 'theft', 'lost']],
  [0.8, ['late', 'overdue', 'delayed']],
];
