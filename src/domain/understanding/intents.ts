/**
 * Offline intent classifier: ordered rules over normalised text (see normaliseForIntent). The first
 * rule that matches wins, so the order below is the policy:
 *
 * 1. forget_me, then a cancel with a reference code ("cancel my callback K7M2QD" → 'cancel' with
 *    entities.refCode; the dialog layer uses refCode to tell it from "cancel what we are doing"),
 *    then "how do I cancel …" (a question, not a command), restart.
 * 2. callback before human ("can someone call me" is a callback), identity ("are you a bot?", before
 *    human so "are you a real person?" is answered), human, cancel.
 * 3. advice before order ("which cake should I order"), order, browsing, help.
 * 4. Short social turns: goodbye, "no thanks" (deny), thanks, greeting, affirm, deny — only when
 *    nothing after the social words is a question ("thanks! do you deliver?" is a question).
 * 5. Anything ending in "?" or starting with a wh-word or auxiliary verb is a question; else none.
 *
 * Confidence: the rule's own value, minus 0.1 per typo the normaliser had to correct (at most 0.2).
 */
import { normaliseForIntent } from './normaliseForIntent.js';
import { productWordSource } from './productWords.js';
import type { Entities, Intent } from './types.js';

interface Rule {
  intent: Intent;
  confidence: number;
  patterns: RegExp[];
  when?: (ctx: RuleContext) => boolean;
}
interface RuleContext {
  text: string;
  raw: string;
  entities: Entities;
}

const ARTICLE_OR_NUMBER =
  '(?:a|an|the|some|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\\d+|a dozen|half a dozen|a couple of|a few|my)';
const PEOPLE =
  '(?:person|human|humans|someone|somebody|agent|representative|operator|staff|manager|owner|people|team|baker|real person|live agent|member of staff|sales person|salesperson)';

/** The rules, with the catalogue's product words (productWords.ts) where a rule names a product. */
const rulesFor = (PRODUCT_WORD: string): Rule[] => [
  {
    intent: 'forget_me',
    confidence: 0.95,
    patterns: [
      /\bforget (?:about )?(?:me|my (?:details|data|number|information|name|email|phone))\b/,
      /\b(?:delete|erase|remove|wipe|clear|purge|destroy) (?:all )?(?:of )?(?:my|me|everything you (?:have|know|hold))\b(?! order\b| callback\b| booking\b| cart\b| basket\b)/,
      /\b(?:do not|stop) (?:store|storing|keep|keeping|save|saving|hold|holding) my\b/,
      /\bright to (?:be forgotten|erasure)\b/,
      /\bunsubscribe\b/,
    ],
  },
  {
    intent: 'cancel',
    confidence: 0.95,
    patterns: [/\b(?:cancel|call off|scrap|drop|withdraw|delete)\b/],
    when: (c) => c.entities.refCode !== undefined,
  },
  {
    intent: 'cancel',
    confidence: 0.92,
    patterns: [
      /^(?:please )?(?:cancel|call off|scrap) (?:my|the|our|that|this) (?:callback|call back|call|booking|order|request|appointment)\b/,
      /\b(?:i want|i would like|i need|please) (?:to )?cancel (?:my|the|our) (?:callback|call back|call|booking|order|request)\b/,
    ],
  },
  {
    intent: 'question',
    confidence: 0.85,
    patterns: [
      /\b(?:how|where|when) (?:do|can|could|would|should) (?:i|we|you) (?:cancel|change|reschedule|stop)\b/,
      /\b(?:what happens|is it possible|can you tell me how) .*\bcancel/,
      // "what is your refund policy if I cancel?" asks about cancelling; it does not cancel anything.
      /^(?:what|how|when|where|why|which|who|is|are|do|does|will)\b.*\b(?:cancel|cancell?ation)\b/,
      // "if I cancel the day before, do I get my money back?" asks about the policy too.
      /\bif (?:i|we) (?:cancel|call off)\b.*\b(?:do|does|will|would|can|could|is|are|what|how)\b/,
    ],
  },
  {
    intent: 'restart',
    confidence: 0.95,
    patterns: [
      /\b(?:start (?:over|again|afresh|from scratch|fresh|anew)|restart|reset|begin again|from the (?:beginning|start|top)|new (?:conversation|chat)|clean slate|go back to the start)\b/,
    ],
  },
  {
    intent: 'deny',
    confidence: 0.8,
    patterns: [/\b(?:do not|never|no need to|please do not) (?:call|ring|phone|contact)\b/],
  },
  {
    // "I'd like to make an appointment": the team arranges bookings, so the wish is a callback; "how
    // do I make an appointment?" and "can I book it in for Saturday?" are answered from the knowledge.
    intent: 'callback',
    confidence: 0.85,
    patterns: [/\b(?:book|make|schedule|arrange|get|want|like|need) (?:an? |the )?(?:appointment|booking)\b/],
    when: ({ text }) => !/^(?:how|do|does|did|what|when|where|why|which|is|are|will|would you)\b/.test(text),
  },
  {
    intent: 'callback',
    confidence: 0.92,
    patterns: [
      /\b(?:call|ring|phone|bell) (?:me|us)\b/,
      /\bcall(?:ing)? (?:me |us )?back\b/,
      /\bcallback\b/,
      /\bgive (?:me|us) a (?:call|ring|bell|buzz)\b/,
      /\b(?:someone|somebody|you|a person|staff|manager|anyone|the team|the owner) (?:to |could |can |will |please )?(?:call|ring|phone)\b/,
      /\b(?:request|book|arrange|schedule|organise|organize|leave|get|want|like|need) (?:a |an )?(?:call|phone call|call back|ring)\b/,
      /\b(?:get back to|contact|reach) me\b/,
      /\bphone call\b/,
    ],
  },
  {
    // "are you a bot?", "am I talking to a real person?": asked what it is, the bot says so plainly.
    intent: 'identity',
    confidence: 0.9,
    patterns: [
      /^(?:are|r) (?:you|u) (?:just |really |actually )?(?:a |an )?(?:bot|robot|ai|machine|computer|chat ?bot|automated|program|real|human|person|live)\b/,
      /\b(?:am i|are we) (?:talking|chatting|speaking|texting) (?:to|with) (?:a |an )?(?:bot|robot|ai|machine|computer|chat ?bot|real|human|person|live)\b/,
      /\bwho am i (?:talking|chatting|speaking) (?:to|with)\b/,
      /^(?:what|who) are (?:you|u)$/,
      /\bis this (?:a |an )?(?:bot|robot|ai|chat ?bot|real person|human|automated)\b/,
    ],
  },
  {
    intent: 'human',
    confidence: 0.9,
    patterns: [
      new RegExp(
        `\\b(?:talk|speak|chat|connect|transfer|put|get)(?: me)?(?: through)? (?:to|with) (?:a |an |the |some |your |one of your |real |actual |live )*${PEOPLE}\\b`,
      ),
      /\b(?:real|actual|live) (?:person|human|people|agent|being)\b/,
      /\bhuman (?:being|agent|support|help|please)\b/,
      /^(?:a )?(?:human|agent|person|operator|representative)(?: please)?$/,
      new RegExp(
        `\\b(?:i want|i need|i would like|can i have|can i get|let me talk to|get me) (?:a |an |the |to talk to a |to speak to a |to speak with a |to talk with a )?(?:human|real person|person|${PEOPLE})\\b(?! to call)`,
      ),
      /\bnot (?:a |talk to a |speak to a )?(?:bot|robot|machine|computer)\b/,
      /\bdo not want (?:a |to talk to a |to chat with a |this )?(?:bot|robot|machine|computer)\b/,
      /\bis (?:there )?(?:anyone|someone|somebody|a person|a human) (?:there|available|i can talk to|to talk to|real)\b/,
    ],
  },
  {
    intent: 'cancel',
    confidence: 0.9,
    patterns: [
      /\b(?:cancel|quit|exit|abort|never mind|forget (?:it|that|about it|this)|scratch that|changed my mind|change of plans|do not bother|no longer (?:need|want))\b/,
      /\bstop\b(?! (?:by|in|past|over)\b)/,
      /^(?:leave it|drop it|enough|no stop)$/,
    ],
  },
  {
    intent: 'browsing',
    confidence: 0.85,
    patterns: [/\b(?:not|not quite|not yet) (?:ready|going|looking|planning) to (?:buy|order|purchase)\b/],
  },
  {
    intent: 'advice',
    confidence: 0.9,
    patterns: [
      /\b(?:recommend|recommendation|recommendations|suggest|suggestion|suggestions|advice|advise)\b/,
      /\bwhich\b.*\b(?:should|would you|better|best|pick|choose|go for|take|get|order|buy)\b/,
      /^which one\b/,
      /\bhelp(?:ing)? (?:me |us )?(?:to )?(?:choose|choosing|pick|picking|decide|deciding|select|selecting|find the right|find the best|make a choice|with (?:a |the )?(?:choice|decision))\b/,
      /\bnot sure (?:which|what|between|about which|what to)\b/,
      /\b(?:can not|could not) (?:decide|choose|pick|make up my mind)\b/,
      /\b(?:torn|undecided|deciding|choose|choosing) between\b/,
      /\bwhat (?:should|would|could|do) (?:i|we) (?:get|take|choose|order|buy|pick|go for)\b/,
      /\bwhat (?:is|would be|are) (?:the |a )?(?:best|good|ideal|right|perfect)\b.*\bfor\b/,
      /\bwhat would you (?:get|do|choose|pick|go for)\b/,
      /\b(?:any|got any|have any) ideas\b/,
      /\bwhich is (?:better|best|nicer|bigger)\b/,
    ],
  },
  {
    intent: 'order',
    confidence: 0.88,
    patterns: [
      /\b(?:i would|i want|want|wanted|wish|i would love|ready|keen|going) (?:like |love )?to (?:order|buy|purchase|place an order|book|get)\b/,
      /\b(?:place|make|put in|submit|lodge) (?:an |a |my )?order\b/,
      new RegExp(`\\border(?:ing)? ${ARTICLE_OR_NUMBER}\\b`),
      new RegExp(`\\b(?:can|could|may) (?:i|we) (?:please )?(?:get|have|order|buy|grab|purchase|take)\\b.*\\b${PRODUCT_WORD}\\b`),
      new RegExp(`\\b(?:i will|i would|we will|we would) (?:take|have|get|go with|go for|grab) ${ARTICLE_OR_NUMBER}\\b`),
      new RegExp(
        `\\b(?:i want|i need|we need|i would like|we would like|i am after|we are after|looking to buy|i am looking for|we are looking for) ${ARTICLE_OR_NUMBER}\\b.*\\b${PRODUCT_WORD}\\b`,
      ),
      /\b(?:buy|purchase)\b/,
    ],
  },
  {
    intent: 'browsing',
    confidence: 0.9,
    patterns: [
      /\b(?:just|only|simply) (?:looking|browsing|having a (?:look|browse|squiz|sticky)|checking|window shopping|curious|a look)\b(?! for (?:a|an|some|the|\d))/,
      /\b(?:i am |we are )?browsing\b/,
      /\bhaving a (?:look|browse|squiz|sticky)(?: around)?\b/,
      /\blooking around\b/,
      /\bwindow shopping\b/,
      /\bnot (?:ready|buying|going to buy|looking to buy)\b/,
    ],
  },
  {
    intent: 'help',
    confidence: 0.88,
    patterns: [
      /^(?:please )?(?:help|menu|options|commands|information|help me|i need help|need help|can you help(?: me)?|could you help(?: me)?|help please|what now)(?: please)?$/,
      /\bwhat (?:can|do) you (?:do|help (?:me |us )?with|offer to do)\b/,
      /\bhow (?:does|do) (?:this|you|it) (?:work|bot work|chat work)\b/,
      /\bwhat (?:can|should) i (?:ask|say|type)\b/,
      /\b(?:what are|what is) (?:you|this)$/,
      /\bwho are you\b/,
    ],
  },
];

/** Rules built once per catalogue (a business has one; the map holds a few at most). */
const rulesBySource = new Map<string, Rule[]>();
function rules(products: readonly string[]): Rule[] {
  const source = productWordSource(products);
  let built = rulesBySource.get(source);
  if (!built) {
    built = rulesFor(source);
    rulesBySource.set(source, built);
  }
  return built;
}

export interface IntentResult {
  intent: Intent;
  confidence: number;
}

const SOCIAL_LEAD =
  /^(?:(?:hi|hello|hey|hiya|howdy|yo|g day|good (?:morning|afternoon|evening|day)|morning|thanks|thank you|cheers|okay|yes|sure|great|perfect|cool|no|alright|how are you(?: doing)?(?: today)?|how is it going|hows it going)(?: there| so much| very much| heaps| mate| team| all| please)? ?)+/;
const QUESTION_START =
  /^(?:what|whats|when|where|which|who|whom|whose|why|how|hows|do|does|did|can|could|is|are|was|were|will|would|should|have|has|may|might|am|shall|any|anything|is there|are there)\b/;
const QUESTION_CUES =
  /\b(?:how much|how many|how long|price|prices|cost|costs|tell me about|i want to know|wondering|information (?:about|on)|do you (?:have|sell|make|do|deliver|offer))\b/;

/** `products`: the catalogue's product names and aliases (RecognizerContext.products). */
export function classifyIntent(raw: string, entities: Entities = {}, products: readonly string[] = []): IntentResult {
  const { text, corrections } = normaliseForIntent(raw);
  const penalty = Math.min(corrections, 2) * 0.1;
  const result = (intent: Intent, confidence: number): IntentResult => ({
    intent,
    confidence: Math.round(Math.max(0.1, confidence - penalty) * 100) / 100,
  });
  if (!text) return result('none', 0.2);

  const ctx: RuleContext = { text, raw, entities };
  for (const rule of rules(products)) {
    if (rule.when && !rule.when(ctx)) continue;
    if (rule.patterns.some((p) => p.test(text))) return result(rule.intent, rule.confidence);
  }

  const remainder = text.replace(SOCIAL_LEAD, '').trim();
  const asks = raw.trim().endsWith('?') || QUESTION_START.test(remainder) || QUESTION_CUES.test(remainder);
  if (GOODBYE.test(text) && !raw.trim().endsWith('?')) return result('goodbye', 0.9);
  if (!(remainder && asks)) {
    // "yes, 0412 345 678": the digits are entities, the turn itself is a yes.
    const social = classifySocial(
      text
        .replace(/[\d$@.]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    if (social) return result(social.intent, social.confidence);
  }
  if (asks || QUESTION_START.test(text)) return result('question', remainder === text ? 0.7 : 0.65);
  return result('none', 0.3);
}

const GOODBYE =
  /\b(?:bye|goodbye|good bye|see you|see ya|talk (?:to you )?(?:later|soon)|ttyl|have a (?:good|great|nice|lovely) (?:day|one|night|evening|weekend)|good night|gotta go|got to go|i am off|that is all|that is it|i am done|catch you later|farewell|signing off)\b/;
const THANKS = /\b(?:thanks|thank you|cheers|appreciate it|appreciated|much obliged|legend)\b/;
const GREETING =
  /^(?:hi|hello|hey|hiya|heya|howdy|yo|g day|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|greetings|sup|what is up|hallo|helo|hullo)\b(?: (?:there|all|team|guys|everyone|folks|mate|bot|again))?(?: (?:how are you(?: doing)?(?: today)?|how is it going|hows it going))?(?: (?:i am|this is|my name is|it is) [a-z]+(?: [a-z]+)?| [a-z]+ here)?$/;
const NO_THANKS = /^(?:no|not) (?:thanks|thank you|thanks anyway|thank you anyway|for now|right now|really)\b/;
const AFFIRM =
  /^(?:(?:yes|sure|okay|alright|all right|right|correct|absolutely|definitely|of course|certainly|please|please do|yes please|go ahead|do it|sounds (?:good|great|perfect|fine|lovely)|perfect|great|that is (?:right|correct|fine|great|perfect)|exactly|indeed|affirmative|for sure|why not|let us do (?:it|that)|that works|works for me|fine|fine by me|good|cool|awesome|lovely|too easy|no worries|no problem|agreed|deal|confirm|confirmed|yes that is right|i do|that would be (?:great|good|lovely|perfect)|thanks|thank you|mate|totally|100 percent|for sure)\b ?)+$/;
const DENY =
  /^(?:no|not|never|negative|wrong|incorrect|no way|definitely not|absolutely not|not at all|not really|not now|not yet|maybe later|i do not think so|i would rather not|rather not|no need|pass|i am good|i am fine|all good|that is wrong|that is not right|not interested|no that is wrong)\b/;

function classifySocial(text: string): IntentResult | undefined {
  if (GOODBYE.test(text)) return { intent: 'goodbye', confidence: 0.9 };
  if (NO_THANKS.test(text)) return { intent: 'deny', confidence: 0.9 };
  if (AFFIRM.test(text) && !/^(?:thanks|thank you)/.test(text)) return { intent: 'affirm', confidence: 0.85 };
  if (THANKS.test(text)) return { intent: 'thanks', confidence: 0.9 };
  if (GREETING.test(text)) return { intent: 'greeting', confidence: 0.9 };
  if (DENY.test(text)) return { intent: 'deny', confidence: 0.85 };
  return undefined;
}
