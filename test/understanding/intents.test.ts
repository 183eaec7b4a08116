import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractQuantity } from '../../src/domain/understanding/extractAmounts.js';
import { classifyIntent } from '../../src/domain/understanding/intents.js';
import { createOfflineRecognizer } from '../../src/domain/understanding/offlineRecognizer.js';
import type { Intent } from '../../src/domain/understanding/types.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';

const REPO = resolve(import.meta.dirname, '../..');
const names = (products: Array<{ name: string; aliases: string[] }>): string[] =>
  products.flatMap((p) => [p.name, ...p.aliases].map((n) => n.toLowerCase()));
const bakery = await loadBusiness(resolve(REPO, 'knowledge'));
const bikeShop = await loadBusiness(resolve(REPO, 'test/fixtures/knowledge-bikes'));
/** What one can order, as the turn reader passes it to the recognizer. */
const BAKERY = names(bakery.products);
/** The bike-shop fixture lists nothing to order (its range is for advice only). */
const BIKE_SHOP = names(bikeShop.products);
/** The bike shop's range as it would be listed if the shop took orders. */
const BIKES = names(bikeShop.consultation?.products ?? []);

const TABLE: Record<Intent, string[]> = {
  question: [
    'How much is the large cake?',
    'do you deliver to Parramatta',
    'What flavours do you have?',
    'Are your cupcakes gluten free?',
    'how do I cancel an order',
    'what is your refund policy if I cancel?',
    'is there a cancellation fee',
    'if i cancel the day before do i get my money back',
    'When are you open on Saturday?',
    'is there a vegan option',
    'Can you write a message on the cake?',
    'how long does a custom cake take',
    'Where are you located?',
    'the medium one serves how many?',
    'wat are ur opening hours',
    'hw much for delivery?',
    'thanks! do you deliver on Sundays?',
    'how do I make an appointment?',
    'do I need an appointment?',
  ],
  advice: [
    'Which one should I take?',
    'can you help me choose',
    'What do you recommend?',
    'not sure which cake',
    'what would you recommend for a 5 year old',
    'any suggestions for a baby shower?',
    'I need some advice on which cake to get',
    'what do u recomend',
    'im torn between the cupcakes and the cookie box',
    'which is better for 20 people, medium or large?',
    'can u help me decide',
    'reccomend something pls',
    "I can't decide",
    'what should I get for my mum',
  ],
  callback: [
    'can you call me back tomorrow',
    'Please call me',
    'pls call me',
    'I would like a callback',
    'calback please',
    'can someone ring me this afternoon',
    'give me a call on 0412 345 678',
    'I want to request a call back',
    'could you phone me',
    'have somebody call me after 3pm',
    'cal me bak',
    'get back to me asap',
    "call me tomorrow at 3pm on 0412 345 678, I'm Dana",
    "I'd like to make an appointment",
  ],
  human: [
    'I want to talk to a person',
    'can I speak to a human',
    'real person please',
    'let me talk to someone',
    'connect me with an agent',
    'human please',
    'i need to speak with a representative',
    'put me through to the manager',
    'is there anyone there i can talk to',
    'i dont want a bot',
    'talk to a real human pls',
    'speek to a persn',
  ],
  identity: [
    'are you a bot?',
    'Are you a real person?',
    'r u human',
    'am I talking to a robot',
    'am i chatting with a real person or a bot',
    'is this an AI?',
    'is this automated',
    'who am I talking to?',
    'what are you',
    'are you a chatbot',
    'who are you',
  ],
  order: [
    "I'd like to order a large cake",
    'I want to buy cupcakes',
    'can I get 2 cookie boxes',
    'i wanna order',
    'place an order please',
    'I will take the medium one',
    'Can I have a dozen cupcakes for Friday?',
    'I need a tiered cake for a wedding',
    'ready to buy',
    'id like to purchase a custom cake',
    'ordr a cake for saturday',
    "we'd like two large cakes",
  ],
  browsing: [
    'just looking',
    'only browsing',
    'Just browsing thanks',
    'no thanks, just looking',
    'having a look around',
    "I'm just having a look",
    'just checking things out',
    'window shopping',
    'not ready to buy yet',
    'just browsing for now',
    'jus browsing',
  ],
  cancel: [
    'cancel',
    'stop',
    'never mind',
    'forget it',
    'nvm',
    'cancel my callback K7M2QD',
    'cancel that',
    'I changed my mind',
    'please cancel my order',
    'quit',
    'cancle',
    'scratch that',
  ],
  restart: [
    'start over',
    'restart',
    'reset',
    "let's start again",
    'can we start from scratch',
    'begin again',
    'go back to the start',
    'restrat',
    'Start over please',
    'new conversation',
  ],
  help: [
    'help',
    'what can you do',
    'Help!',
    'how does this work',
    'i need help',
    'menu',
    'what can you help me with?',
    'what can I ask',
    'halp',
    'options',
  ],
  forget_me: [
    'forget me',
    'delete my data',
    'erase my details',
    'please remove my information',
    'Forget about me',
    'delete everything you have on me',
    'wipe my details please',
    "don't keep my number",
    'I want my data deleted — delete my details',
    'unsubscribe',
    'delte my data',
    'right to be forgotten',
  ],
  greeting: [
    'hi',
    'Hello',
    'hey there',
    "G'day",
    'good morning',
    'hiya',
    'hello, how are you?',
    "Hi, I'm Dana",
    'morning mate',
    'howdy',
    'helo',
    'hey team',
  ],
  thanks: [
    'thanks',
    'thank you',
    'thx',
    'cheers',
    'ty',
    'thanks so much',
    'much appreciated',
    'thank you very much!',
    'ta',
    'thnks',
    'thanks heaps',
    'appreciate it',
  ],
  goodbye: [
    'bye',
    'goodbye',
    'see you',
    'cya',
    'thanks, bye',
    'have a good day',
    'talk later',
    "that's all",
    'good night',
    'gotta go',
    'byee',
    'catch you later',
  ],
  affirm: [
    'yes',
    'yep',
    'sure',
    'sounds good',
    'yeah',
    'ok',
    'yes please',
    "that's right",
    'go ahead',
    'absolutely',
    'no worries',
    'perfect',
    'yup, that works',
  ],
  deny: [
    'no',
    'nope',
    'no thanks',
    'nah',
    'not really',
    'no thank you',
    "I don't think so",
    'not now',
    'negative',
    "that's wrong",
    'maybe later',
    "don't call me",
  ],
  none: [
    'asdfgh',
    'the weather is nice',
    'blue',
    'my dog likes cake',
    '',
    '   ',
    'lorem ipsum',
    'banana',
    'I have a cat',
    'Sydney',
  ],
};

const ROWS = Object.entries(TABLE).flatMap(([intent, phrases]) => phrases.map((text) => ({ text, intent })));

describe('classifyIntent', () => {
  it.each(ROWS)('when the customer says "$text", then the intent is $intent', ({ text, intent }) => {
    expect(classifyIntent(text, {}, BAKERY).intent).toBe(intent);
  });

  it('when a reference code is present with cancel, then the intent is cancel (callback cancel)', () => {
    expect(classifyIntent('cancel my callback k7m2qd', { refCode: 'K7M2QD' }).intent).toBe('cancel');
  });

  it('when a typo had to be corrected, then confidence is lower than for the clean phrasing', () => {
    expect(classifyIntent('what do you recomend').confidence).toBeLessThan(classifyIntent('what do you recommend').confidence);
  });

  it('when nothing matches, then confidence is low', () => {
    expect(classifyIntent('banana').confidence).toBeLessThan(0.5);
  });
});

describe('product words come from the business, not from code', () => {
  it.each([
    ['can I get two large cakes', BAKERY, 'order'],
    ["we'd like two large cakes", BAKERY, 'order'],
    ['can I get one of your hardtails', BIKES, 'order'],
    ['I am after a cargo e-bike for the school run', BIKES, 'order'],
    ["we'd like two balance bikes", BIKES, 'order'],
  ])('when the customer says "%s" to a shop selling it, then the intent is %s', (text, products, intent) => {
    expect(classifyIntent(text, {}, products).intent).toBe(intent);
  });

  it.each([
    ['can I get a hardtail', BAKERY],
    ["we'd like two balance bikes", BAKERY],
    ["we'd like two tiered cakes", BIKES],
  ])('when the customer says "%s" to a shop that does not sell it, then it is not read as an order', (text, products) => {
    expect(classifyIntent(text, {}, products).intent).not.toBe('order');
  });

  it('when the bike-shop fixture, which takes no orders, is asked about a test ride or one hardtail, then it is no order', () => {
    expect(BIKE_SHOP).toEqual([]);
    expect(classifyIntent('can I take a bike for a test ride?', {}, BIKE_SHOP).intent).toBe('question');
    expect(classifyIntent('can I get a hardtail', {}, BIKE_SHOP).intent).not.toBe('order');
    expect(extractQuantity('one hardtail please', BIKE_SHOP)).toBeUndefined();
  });

  it.each([
    ['one cupcake please', BAKERY, 1],
    ['one hardtail please', BIKES, 1],
    ['one hardtail please', BAKERY, undefined],
    ['which one is lighter', BIKES, undefined],
  ])('when the text is "%s", then the quantity is %s', (text, products, quantity) => {
    expect(extractQuantity(text, products)?.value).toBe(quantity);
  });
});

describe('the offline recognizer reads product words from the context it is given', () => {
  const recognizer = createOfflineRecognizer();
  const context = (products: string[]) => ({
    timeZone: 'America/Los_Angeles',
    defaultPhoneRegion: 'US',
    locale: 'en-US',
    now: new Date('2026-12-01T18:00:00Z'),
    products,
  });

  it('when a bike shop that takes orders is asked for one hardtail, then it is an order for one', async () => {
    const u = await recognizer.recognize('can I get one hardtail please', context(BIKES));
    expect(u.intent).toBe('order');
    expect(u.entities.quantity).toBe(1);
  });

  it('when the bakery is asked for one hardtail, then no quantity is read', async () => {
    const u = await recognizer.recognize('can I get one hardtail please', context(BAKERY));
    expect(u.entities.quantity).toBeUndefined();
  });
});
