/**
 * Scripted consultations over HTTP, on the sample bakery and on the bike shop. Each lists what the
 * customer says and what an honest consultant may end up suggesting (every product there meets each
 * hard constraint the customer gave, checked by hand against the Markdown), or that nothing fits.
 * The rules every script must meet are in adviceRules.ts.
 */
import { copy } from '../../dialogs/copy.js';
import { says, saysOnly } from '../support/says.js';

export interface AdviceScript {
  name: string;
  shop: 'bakery' | 'bikes';
  turns: string[];
  /** The only products a recommendation may name; empty when nothing fits. */
  recommends?: string[];
  /** The customer is told that nothing fits (and offered a person). */
  nothingFits?: boolean;
  /** 0-based turn whose customer's yes may start a booking or hand-over. */
  booksAt?: number;
  /** Patterns a given turn's replies must show (e.g. the consultation ending politely). */
  expect?: [turn: number, pattern: RegExp][];
}

/** The consultation ended politely, as copy.ts words it. */
const CLOSED = new RegExp([copy.adviceClose(), copy.thanks(), copy.goodbye()].map((t) => says(t).source).join('|'));

export const ADVICE_SCRIPTS: AdviceScript[] = [
  // The sample bakery — the examples of issue 13 first.
  {
    name: 'wedding for 80 in March, recommended at once; flavours refine it; "ok cool" ends it',
    shop: 'bakery',
    turns: ['we are getting married in march, 80 guests, which cake would you recommend?', 'red velvet and lemon', 'ok cool'],
    recommends: ['Three-tier cake'],
    expect: [
      [0, /three-tier cake serves 70–90/],
      [2, CLOSED],
    ],
  },
  {
    name: 'office cake for 30 with one vegan guest',
    shop: 'bakery',
    turns: ['help me choose a cake for 30 people at the office next friday, one of them is vegan', 'sounds good, thanks'],
    recommends: ['Cupcakes'],
    expect: [
      [0, /Vegan cupcakes cost \$54 per dozen/],
      [1, CLOSED],
    ],
  },
  {
    name: '"she loves chocolate" is heard as a flavour, then a head count, then "what do you recommend?"',
    shop: 'bakery',
    turns: ['can you help me choose a cake?', 'she loves chocolate', "it's her birthday", 'what do you recommend?', 'thanks'],
    recommends: [
      'Small celebration cake',
      'Medium celebration cake',
      'Large celebration cake',
      'Two-tier cake',
      'Three-tier cake',
    ],
    expect: [
      [1, /^Chocolate: got it\./],
      [4, CLOSED],
    ],
  },
  {
    // "about 20" alone is also a time (8 pm): it must not become the day the cake is needed.
    name: 'a daughter\'s 8th birthday, then "about 20 kids" is a head count, not a date',
    shop: 'bakery',
    turns: ['can you help me choose a cake for my daughters 8th birthday', 'about 20 kids', 'thanks'],
    recommends: ['Large celebration cake'],
    expect: [[1, /serves 20–24 people and costs \$95/]],
  },
  {
    name: "gluten-free for a husband's 40th, then maybe 30 people",
    shop: 'bakery',
    turns: ['can you help me choose?', "i need a gluten free cake for my husband's 40th", 'maybe 30 people', 'ok'],
    recommends: ['Cupcakes'],
    expect: [
      [1, /Gluten-free celebration cakes are available/],
      [2, /Gluten-free cupcakes cost \$54 per dozen/],
      [3, CLOSED],
    ],
  },
  {
    name: '"maybe 30 people" gets a statement about serving 30, not about 30 characters',
    shop: 'bakery',
    turns: ['which cake should I take?', 'maybe 30 people', 'great'],
    recommends: ['Two-tier cake'],
    expect: [[1, /two-tier cake serves 40–50/]],
  },
  {
    name: '"what do you recommend?" mid-way gets a recommendation, not another question',
    shop: 'bakery',
    turns: ['can you help me choose a cake?', 'a birthday', 'what do you recommend?'],
    recommends: ['Small celebration cake', 'Medium celebration cake', 'Large celebration cake'],
  },
  {
    name: 'after the summary, "sounds good, thanks" closes without a callback',
    shop: 'bakery',
    turns: ['which cake should I get for a birthday for 20 people on Saturday? no allergies', 'sounds good, thanks'],
    recommends: ['Large celebration cake'],
    expect: [[1, CLOSED]],
  },
  {
    name: 'only a yes starts the callback',
    shop: 'bakery',
    turns: ['which cake should I get for a birthday for 20 people on Saturday? no allergies', 'yes please'],
    recommends: ['Large celebration cake'],
    booksAt: 1,
    expect: [[1, says(copy.askName())]],
  },
  {
    name: 'nut-free cannot be met: said honestly, a person offered',
    shop: 'bakery',
    turns: ['can you help me choose a cake for 20 people on Saturday? we need it nut free'],
    nothingFits: true,
    expect: [[0, /We cannot make a nut-free cake/]],
  },
  {
    name: 'sugar-free cannot be met',
    shop: 'bakery',
    turns: ['what would you recommend for my dad, he is diabetic so it has to be sugar free'],
    nothingFits: true,
    expect: [[0, /We do not make sugar-free/]],
  },
  {
    name: 'a side question is answered and the consultation resumes',
    shop: 'bakery',
    turns: ['which cake should I take?', 'a birthday', 'do you deliver to Bondi?', '20 people', 'thank you'],
    recommends: ['Large celebration cake'],
    expect: [[2, /Bondi/]],
  },
  {
    name: '"just looking" ends it',
    shop: 'bakery',
    turns: ['can you recommend a cake?', "I'm just looking"],
    expect: [[1, saysOnly(copy.adviceEnd())]],
  },
  {
    name: 'a correction replaces the head count',
    shop: 'bakery',
    turns: ['help me pick a birthday cake for 10 people', 'sorry, actually it will be 22 people', 'cool'],
    recommends: ['Large celebration cake'],
    expect: [[1, /Now for about 22 people: got it/]],
  },
  {
    name: 'a tight budget for a crowd: nothing fits, then a bigger budget fits',
    shop: 'bakery',
    turns: ['can you suggest something for 45 people? my budget is $100', 'ok I can go up to $250'],
    recommends: ['Two-tier cake'],
    expect: [[0, /nothing we offer fits/]],
  },
  {
    name: 'a morning tea with mini cupcakes',
    shop: 'bakery',
    turns: ['any ideas for a baby shower?', 'cupcakes would be good'],
    recommends: ['Mini cupcakes', 'Cupcakes'],
  },
  {
    name: 'too little notice for a tiered cake: the suggestion respects the notice',
    shop: 'bakery',
    turns: ['help me choose a cake for 45 people for this Thursday'],
    recommends: ['Cupcakes'],
  },
  {
    name: 'vegan for 12 in two messages',
    shop: 'bakery',
    turns: ['can you help me choose a cake for my vegan sister?', 'about 12 of us'],
    recommends: ['Medium celebration cake', 'Cupcakes'],
  },
  {
    name: 'choosing between two named cakes for 12 people',
    shop: 'bakery',
    turns: ['which is better for 12 people, the small or the medium cake?', 'perfect'],
    recommends: ['Medium celebration cake'],
    expect: [[1, CLOSED]],
  },
  // The bike shop.
  {
    name: 'torn between two named bikes: the one question that tells them apart, then one pick',
    shop: 'bikes',
    turns: ['torn between the metro 3 and the metro e, which should I get?', 'no motor', 'thanks'],
    recommends: ['Alder Metro 3'],
    expect: [
      [0, new RegExp(`^${says(copy.adviceStart()).source} Are you after an e-bike, or a regular bike without a motor\\?$`)],
    ],
  },
  {
    name: 'a regular commuter under $1000 in three answers',
    shop: 'bikes',
    turns: ['help me choose a bike', 'commuting to work, about 5 miles each way', 'no', 'under $1000', 'ok cool'],
    recommends: ['Alder Metro 1', 'Alder Metro 3'],
    expect: [[4, CLOSED]],
  },
  {
    // An outsider's phrasings: a ceiling with no "$" and an age said as "he's 9".
    name: 'a commuter "under 1500" with no currency sign',
    shop: 'bikes',
    turns: ['i need a bike to ride to work, about 10km each way, what do you suggest', 'under 1500', 'thanks'],
    recommends: ['Alder Metro 1', 'Alder Metro 3'],
    expect: [[1, /^Up to \$1500: got it\./]],
  },
  {
    name: '"my son, hes 9" is an age, then "about 400" a budget',
    shop: 'bikes',
    turns: ['help me choose a bike for my son, hes 9', 'about 400', 'thanks'],
    recommends: ["20-inch kids' bike"],
    expect: [[0, /a rider aged 9: got it/]],
  },
  {
    name: 'trails, a height and a budget in one message',
    shop: 'bikes',
    turns: ["which bike should I get? I'm 5'10\" and want to ride trails, budget around $1500"],
    recommends: ['Cascadia Ridge hardtail'],
  },
  {
    name: 'a 7-year-old daughter',
    shop: 'bikes',
    turns: ["can you recommend a bike for my daughter? she's 7 years old"],
    recommends: ["20-inch kids' bike"],
  },
  {
    name: 'a cargo e-bike for the school run',
    shop: 'bikes',
    turns: ['I want an electric bike for carrying the kids to school, what do you recommend?', 'thanks!'],
    recommends: ['Alder Haul cargo e-bike'],
    expect: [[1, CLOSED]],
  },
  {
    name: 'gravel, then a change of mind to an e-bike',
    shop: 'bikes',
    turns: ['help me pick a bike for gravel riding', "actually I'd rather have an e-bike", 'under $2000'],
    recommends: ['Alder Metro E'],
  },
  {
    name: 'an e-bike under $1000 does not exist',
    shop: 'bikes',
    turns: ['can you suggest an e-bike under $1000?'],
    nothingFits: true,
  },
  {
    name: 'a kid of 10, asked step by step',
    shop: 'bikes',
    turns: ['can you help me choose a bike?', 'for my son', "he's 10 years old"],
    recommends: ["24-inch kids' bike"],
  },
  {
    name: 'a wish that tells needs ("im looking for a bike to commute to work… budget around 1000") is advice, not an unknown question',
    shop: 'bikes',
    turns: ['im looking for a bike to commute to work, about 10 miles each way, budget around 1000', 'no motor', 'thanks'],
    recommends: ['Alder Metro 1', 'Alder Metro 3'],
    expect: [[0, /^Happy to help you choose\./]],
  },
  {
    name: 'two bikes named without their brand ("the loam gravel"): the name is no fact, so the question that tells them apart is asked',
    shop: 'bikes',
    turns: ['which is better, the metro 3 or the loam gravel?', 'mostly roads and some gravel paths'],
    recommends: ['Alder Metro 3', 'Cascadia Loam gravel'],
    expect: [
      [0, /What kind of riding will you mostly do with it\?/],
      [0, /^(?![\s\S]*Gravel: got it)/],
    ],
  },
  {
    name: 'a girl of 10 on a budget below the bike for her age: the nearest age in budget, not a balance bike',
    shop: 'bikes',
    turns: ['my daughter is 10 and wants a bike, what would you recommend?', 'around 400 dollars'],
    recommends: ["24-inch kids' bike", "20-inch kids' bike"],
    expect: [
      // The bike shop takes no order requests in chat, so none is offered.
      [0, /^(?![\s\S]*order request)/],
      [1, /20-inch kids' bike/],
      [1, /^(?![\s\S]*balance bike)/],
    ],
  },
  {
    name: 'road riding for fitness',
    shop: 'bikes',
    turns: ['not sure which bike to get, I want something for road riding and fitness', 'no motor please'],
    recommends: ['Alder Tempo road'],
  },
  {
    name: 'a commuter e-bike, "what do you recommend?" before the budget',
    shop: 'bikes',
    turns: ['help me choose a bike for my commute', 'yes, electric', 'what do you recommend?'],
    recommends: ['Alder Metro E', 'Alder Metro E Speed'],
  },
  {
    name: 'a side question about test rides, then back to choosing',
    shop: 'bikes',
    turns: ['help me choose a bike', 'can I take a bike for a test ride?', 'mountain biking', 'a regular one'],
    recommends: ['Cascadia Ridge hardtail', 'Cascadia Ridge FS'],
    expect: [[1, /test ridden/]],
  },
  {
    name: 'just looking at bikes',
    shop: 'bikes',
    turns: ['which bike would you recommend?', 'just browsing for now'],
    expect: [[1, saysOnly(copy.adviceEnd())]],
  },
  {
    name: 'a toddler balance bike on a budget',
    shop: 'bikes',
    turns: ['what bike would you suggest for my toddler, she is 3 years old'],
    recommends: ['Balance bike'],
  },
  {
    name: 'mountain e-bike with a big budget',
    shop: 'bikes',
    turns: ['which e-bike is best for trails? I can spend $5000', 'great, thanks'],
    recommends: ['Cascadia Ridge E mountain'],
    expect: [[1, CLOSED]],
  },
  {
    name: 'a commuter without a motor, then the yes that books a callback',
    shop: 'bikes',
    turns: ['help me choose a commuter bike, no motor, up to $1200', 'yes'],
    recommends: ['Alder Metro 1', 'Alder Metro 3', 'Alder Metro IGH'],
    booksAt: 1,
  },
  {
    name: 'no preference on electric is still heard, and not asked again',
    shop: 'bikes',
    turns: ['help me choose a bike for getting around town', "I don't mind", 'around $900'],
    recommends: ['Alder Metro 1', 'Alder Metro 3'],
  },
];
