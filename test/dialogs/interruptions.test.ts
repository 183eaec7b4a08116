/**
 * Every interruption at every prompt: (dialog, prompt reached, interruption) → expected behaviour.
 * Each prompt is reached by the turns in `reach`; `question` is the prompt as the bot asks it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import type { Business } from '../../src/domain/business.js';
import { ANY, createDialogHarness, play, says, saysOnly, type DialogHarness } from '../support/dialogHarness.js';

interface Prompt {
  dialog: string;
  prompt: string;
  reach: string[];
  /** The prompt: copy.ts's words for it, or the consultation's own question (knowledge). */
  question: (b: Business) => RegExp;
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
    question: () => says(copy.askName()),
    nonsense: '42',
  },
  {
    dialog: 'callback',
    prompt: 'phone',
    reach: ["I'd like a callback", 'Dana'],
    question: () => says(copy.askPhone()),
    nonsense: 'blue',
  },
  {
    dialog: 'callback',
    prompt: 'time',
    reach: ["I'd like a callback", 'Dana', '0412 345 678'],
    question: () => says(copy.askTime()),
    nonsense: 'blue',
  },
  { dialog: 'callback', prompt: 'topic', reach: [ONE_SHOT], question: () => says(copy.askTopic()) },
  {
    dialog: 'callback',
    prompt: 'read-back',
    reach: [ONE_SHOT, 'cupcakes'],
    question: () => says(copy.callbackSummary('Dana', '0412 345 678', ANY, 'cupcakes')),
    nonsense: 'blue',
  },
  {
    dialog: 'callback',
    prompt: 'consent',
    reach: [ONE_SHOT, 'cupcakes', 'yes'],
    question: (b) => says(copy.consent(b)),
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'product',
    reach: ["I'd like to place an order"],
    question: (b) => says(copy.askProduct(b.products.map((p) => p.name))),
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'date',
    reach: ["I'd like to order the large cake"],
    question: () => says(copy.askDate()),
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'fulfilment',
    reach: [ORDER],
    question: () => says(copy.askFulfilment()),
    nonsense: 'blue',
  },
  { dialog: 'order', prompt: 'address', reach: [ORDER, 'delivered please'], question: () => says(copy.askAddress()) },
  { dialog: 'order', prompt: 'name', reach: [ORDER, 'pickup'], question: () => says(copy.askName()), nonsense: '42' },
  {
    dialog: 'order',
    prompt: 'phone',
    reach: [ORDER, 'pickup', 'Dana'],
    question: () => says(copy.askPhone()),
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'read-back',
    reach: [ORDER, 'pickup', 'Dana', '0412 345 678'],
    question: () => says(copy.orderSummary(ANY, ANY, copy.fulfilment('pickup'), 'Dana', '0412 345 678')),
    nonsense: 'blue',
  },
  {
    dialog: 'order',
    prompt: 'consent',
    reach: [ORDER, 'pickup', 'Dana', '0412 345 678', 'yes'],
    question: (b) => says(copy.consent(b)),
    nonsense: 'blue',
  },
  {
    dialog: 'consult',
    prompt: 'servings',
    reach: ['which cake should I take?'],
    question: () => /About how many people will it need to serve\?/,
    nonsense: 'ok',
  },
  {
    dialog: 'consult',
    prompt: 'budget',
    reach: ['which cake should I take?', 'a birthday'],
    question: () => /Roughly what would you like to spend\?/,
  },
  {
    dialog: 'consult',
    prompt: 'occasion',
    reach: ['which cake should I take?', 'hmm'],
    question: () => /What's the occasion\?/,
  },
  {
    dialog: 'forget me',
    prompt: 'confirmation',
    reach: ['forget me'],
    question: (b) => says(copy.forgetConfirm(b)),
    nonsense: 'blue',
  },
];

const welcome = (b: Business): RegExp => saysOnly(copy.greeting(b));

interface Interruption {
  said: string;
  /** Checks the replies to the interruption and what follows. */
  check: (h: DialogHarness, p: Prompt, replies: string[]) => Promise<void>;
}

const INTERRUPTIONS: Record<string, Interruption> = {
  cancel: {
    said: 'cancel',
    async check(h, _p, replies) {
      expect(replies).toEqual([copy.cancelled()]);
      await play(h, [['hi', [welcome(h.business)]]]); // nothing is waiting for an answer any more
    },
  },
  'start over': {
    said: "let's start over",
    async check(h, _p, replies) {
      expect(replies).toEqual([copy.restarted()]);
      expect((await h.session())?.contact).toEqual({});
      expect((await h.session())?.facts).toEqual({});
      await play(h, [['hi', [welcome(h.business)]]]);
    },
  },
  help: {
    said: 'help',
    async check(h, p, replies) {
      expect(replies).toHaveLength(2);
      expect(replies[0]).toBe(copy.help(h.business));
      expect(replies[1]).toMatch(p.question(h.business));
    },
  },
  'forget me': {
    said: 'forget me',
    async check(h, _p, replies) {
      expect(replies).toHaveLength(1);
      expect(replies[0]).toBe(copy.forgetConfirm(h.business));
      await play(h, [['no', [saysOnly(copy.forgetKept())]]]);
      await play(h, [['hi', [welcome(h.business)]]]); // the interrupted dialog does not come back
    },
  },
  'talk to a person': {
    said: 'can I talk to a person?',
    async check(h, _p, replies) {
      expect(replies).toEqual([copy.handoffStarted()]);
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
    expect(turns.at(-1)!.join('\n')).toMatch(prompt.question(h.business));
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
      // The third ends in the offer of a person (the shop is open), and only the third.
      expect(replies[2]!.endsWith(copy.stuck())).toBe(true);
      expect(replies.slice(0, 2).join(' ')).not.toContain(copy.stuck());
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
    ['cancel', () => saysOnly(copy.nothingToCancel())],
    ['start over', () => saysOnly(copy.restarted())],
    ['help', (b: Business) => saysOnly(copy.help(b))],
    ['What is your refund policy if I cancel?', () => /Source: Cancellations and refunds/],
  ])('when the customer says "%s", then it answers sensibly', async (said, expected) => {
    await play(h, [[said, [expected(h.business)]]]);
  });
});
