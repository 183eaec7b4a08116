/**
 * Every interruption at every prompt: (dialog, prompt reached, interruption) → expected behaviour.
 * Each prompt is reached by the turns in `reach`; `question` is the prompt as the bot asks it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialogHarness, play, type DialogHarness } from '../support/dialogHarness.js';

interface Prompt {
  dialog: string;
  prompt: string;
  reach: string[];
  question: RegExp;
  /** An answer the prompt cannot use (for the three-failures rule); omitted where every text is an answer. */
  nonsense?: string;
}

const ONE_SHOT = "call me tomorrow at 3pm on 0412 345 678, I'm Dana";
const ORDER = "I'd like to order the large chocolate cake for Saturday";

const PROMPTS: Prompt[] = [
  {
    dialog: 'callback',
    prompt: 'name',
    reach: ["I'd like a callback"],
    question: /Who should we ask for when we call\?/,
    nonsense: '42',
  },
  {
    dialog: 'callback',
    prompt: 'phone',
    reach: ["I'd like a callback", 'Dana'],
    question: /What's the best number to call you on\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'callback',
    prompt: 'time',
    reach: ["I'd like a callback", 'Dana', '0412 345 678'],
    question: /When would suit you for the call\?/,
    nonsense: 'blue',
  },
  { dialog: 'callback', prompt: 'topic', reach: [ONE_SHOT], question: /What would you like to talk about, in a few words\?/ },
  { dialog: 'callback', prompt: 'read-back', reach: [ONE_SHOT, 'cupcakes'], question: /Shall I book it\?/, nonsense: 'blue' },
  {
    dialog: 'callback',
    prompt: 'consent',
    reach: [ONE_SHOT, 'cupcakes', 'yes'],
    question: /contact details .* Is that OK\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'product',
    reach: ["I'd like to place an order"],
    question: /What would you like to order\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'date',
    reach: ["I'd like to order the large cake"],
    question: /What date do you need it for\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'fulfilment',
    reach: [ORDER],
    question: /Would you like it delivered, or will you pick it up\?/,
    nonsense: 'blue',
  },
  { dialog: 'order', prompt: 'address', reach: [ORDER, 'delivered please'], question: /What's the delivery address/ },
  { dialog: 'order', prompt: 'name', reach: [ORDER, 'pickup'], question: /Who should we ask for when we call\?/, nonsense: '42' },
  {
    dialog: 'order',
    prompt: 'phone',
    reach: [ORDER, 'pickup', 'Dana'],
    question: /What's the best number to call you on\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'read-back',
    reach: [ORDER, 'pickup', 'Dana', '0412 345 678'],
    question: /Shall I send the request\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'consent',
    reach: [ORDER, 'pickup', 'Dana', '0412 345 678', 'yes'],
    question: /contact details .* Is that OK\?/,
    nonsense: 'blue',
  },
  {
    dialog: 'consult',
    prompt: 'servings',
    reach: ['which cake should I take?'],
    question: /About how many people will it need to serve\?/,
    nonsense: 'ok',
  },
  {
    dialog: 'consult',
    prompt: 'budget',
    reach: ['which cake should I take?', 'a birthday'],
    question: /Roughly what would you like to spend\?/,
  },
  {
    dialog: 'consult',
    prompt: 'occasion',
    reach: ['which cake should I take?', 'hmm'],
    question: /What's the occasion\?/,
  },
  {
    dialog: 'forget me',
    prompt: 'confirmation',
    reach: ['forget me'],
    question: /Do you want me to erase everything/,
    nonsense: 'blue',
  },
];

const WELCOME = /^Hi, welcome to Crumb & Candle Bakery!/;

interface Interruption {
  said: string;
  /** Checks the replies to the interruption and what follows. */
  check: (h: DialogHarness, p: Prompt, replies: string[]) => Promise<void>;
}

const INTERRUPTIONS: Record<string, Interruption> = {
  cancel: {
    said: 'cancel',
    async check(h, _p, replies) {
      expect(replies).toEqual(["OK, I've stopped that. What would you like to do instead?"]);
      await play(h, [['hi', [WELCOME]]]); // nothing is waiting for an answer any more
    },
  },
  'start over': {
    said: "let's start over",
    async check(h, _p, replies) {
      expect(replies).toEqual(["Sure, let's start over. What can I help you with?"]);
      expect((await h.session())?.contact).toEqual({});
      expect((await h.session())?.facts).toEqual({});
      await play(h, [['hi', [WELCOME]]]);
    },
  },
  help: {
    said: 'help',
    async check(_h, p, replies) {
      expect(replies).toHaveLength(2);
      expect(replies[0]).toMatch(
        /^I can answer questions about Crumb & Candle Bakery .* "start over" or "cancel" at any time\.$/,
      );
      expect(replies[1]).toMatch(p.question);
    },
  },
  'forget me': {
    said: 'forget me',
    async check(h, _p, replies) {
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/Do you want me to erase everything/);
      await play(h, [['no', [/I haven't erased anything/]]]);
      await play(h, [['hi', [WELCOME]]]); // the interrupted dialog does not come back
    },
  },
  'talk to a person': {
    said: 'can I talk to a person?',
    async check(h, _p, replies) {
      expect(replies).toEqual(["I'm connecting you with a person from our team now. Please stay in this chat."]);
      await play(h, [['hello?', []]]); // a person has the conversation now
    },
  },
};

const TABLE = PROMPTS.flatMap((p) => Object.keys(INTERRUPTIONS).map((name) => [p.dialog, p.prompt, name, p] as const));

describe('interruptions at every prompt', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it.each(TABLE)('%s dialog, at the %s prompt: "%s" works', async (_dialog, _prompt, name, prompt) => {
    const turns = await play(
      h,
      prompt.reach.map((said) => [said, /./] as const),
    );
    expect(turns.at(-1)!.join('\n')).toMatch(prompt.question);
    const interruption = INTERRUPTIONS[name]!;
    await interruption.check(h, prompt, await h.say(interruption.said));
    await h.conversationLog.flush();
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.orders.count()).toBe(0);
  });

  it.each(PROMPTS.filter((p) => p.nonsense).map((p) => [p.dialog, p.prompt, p] as const))(
    '%s dialog, at the %s prompt: three failed answers end in the offer of a person, and "yes" hands off',
    async (_dialog, _prompt, prompt) => {
      await play(
        h,
        prompt.reach.map((said) => [said, /./] as const),
      );
      const replies: string[] = [];
      for (let i = 0; i < 3; i++) replies.push((await h.say(prompt.nonsense!)).join(' '));
      expect(replies[2]).toMatch(/Would you like a person from our team to help you instead\?$/);
      expect(replies.slice(0, 2).join(' ')).not.toMatch(/person from our team/);
      const handoff = await h.send({ type: 'message', text: 'yes' });
      expect(handoff.map((r) => r.name ?? r.type)).toEqual(['message', 'handoff.initiate']);
    },
  );
});

describe('interruptions with nothing in progress', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it.each([
    ['cancel', /^There's nothing in progress to cancel\./],
    ['start over', /^Sure, let's start over\./],
    ['help', /^I can answer questions about Crumb & Candle Bakery/],
    ['What is your refund policy if I cancel?', /Source: Cancellations and refunds/],
  ])('when the customer says "%s", then it answers sensibly', async (said, expected) => {
    await play(h, [[said, [expected]]]);
  });
});
