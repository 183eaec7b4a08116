import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { inputHintFor, markupSpeech, speechText, toSsml } from '../../src/channels/render/ssml.js';
import { callerNumberOf } from '../../src/channels/telephony/callerNumber.js';
import { handoffStatusOf } from '../../src/channels/telephony/handoff.js';
import { callTransfer } from '../../dialogs/handoff.js';
import { startTestBot, type TestBot } from '../support/testBot.js';
import type { ReplyActivity } from '../support/channelStub.js';

const voice = { locale: 'en-AU', voice: 'en-AU-NatashaNeural' };

/** The SSML parsed as XML (throws when it is not well formed) and its spoken words. */
function parseSpeak(ssml: string | undefined): { root: Record<string, unknown>; words: string } {
  expect(ssml).toBeTypeOf('string');
  const valid = XMLValidator.validate(ssml!);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const root = new XMLParser({ ignoreAttributes: false }).parse(ssml!) as Record<string, unknown>;
  const words = ssml!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { root, words };
}

function expectSpeakable(reply: ReplyActivity): string {
  const { root, words } = parseSpeak(reply.speak);
  const speak = root.speak as Record<string, unknown>;
  expect(speak['@_version']).toBe('1.0');
  expect(speak['@_xmlns']).toBe('http://www.w3.org/2001/10/synthesis');
  expect(speak['@_xml:lang']).toBe('en-AU');
  expect((speak.voice as Record<string, unknown>)['@_name']).toBe('en-AU-NatashaNeural');
  expect(words).not.toMatch(/https?:|www\.|\*\*|\]\(|Source:|[\p{Extended_Pictographic}]/u);
  expect(['expectingInput', 'acceptingInput', 'ignoringInput']).toContain(reply.inputHint);
  return words;
}

describe('speech for the phone', () => {
  it('when a text has markup characters, then the SSML escapes them and stays well formed', () => {
    const { words } = parseSpeak(toSsml('Cakes & cupcakes <b>"fresh"</b> for \'you\'', voice));
    expect(words).toContain('Cakes &amp; cupcakes &lt;b&gt;&quot;fresh&quot;&lt;/b&gt;');
  });

  it('when a knowledge answer is spoken, then links, emphasis, emoji and the Source line are not', () => {
    const text =
      'The **large cake** costs $95 🎂. Order at https://crumbandcandle.com.au/order or [online](https://x.example/a).\n\nSource: Large celebration cake — Celebration cakes';
    const speech = speechText(text);
    expect(speech).toBe('The large cake costs $95 . Order at our website or online. From our celebration cakes information.');
  });

  it('when a reply has a reference, a phone number and times, then each is marked for the voice', () => {
    const ssml = markupSpeech('Your reference is K7M2QD. We will call 0412 345 678 between 10:30 am and 14:00.');
    expect(ssml).toContain('<say-as interpret-as="characters">K7M2QD</say-as>');
    expect(ssml).toContain('<say-as interpret-as="telephone">0412 345 678</say-as>');
    expect(ssml).toContain('<say-as interpret-as="time" format="hms12">10:30 am</say-as>');
    expect(ssml).toContain('<say-as interpret-as="time" format="hms24">14:00</say-as>');
    parseSpeak(toSsml('Your reference is K7M2QD, call +61 2 9123 4567 at 9 am.', voice));
  });

  it('when a price, a postcode or a date is spoken, then it is not read as a phone number', () => {
    expect(markupSpeech('It costs $150 in NSW 2042 on 2026-12-24.')).not.toContain('telephone');
  });

  it('when a reply ends with a question, then it expects input; otherwise it accepts it', () => {
    expect(inputHintFor('What time suits you?')).toBe('expectingInput');
    expect(inputHintFor('Done. Your reference is K7M2QD.')).toBe('acceptingInput');
  });
});

describe('telephony helpers for the dialogs', () => {
  it('when a call comes from a number, then callerNumberOf gives it in E.164, and nothing on other channels', () => {
    const call = { channelId: 'telephony', from: { id: '+61412345678', name: '' } } as Partial<Activity>;
    expect(callerNumberOf(call, 'AU')).toBe('+61412345678');
    expect(callerNumberOf({ channelId: 'telephony', from: { id: 'abc', name: '0412 345 678' } } as Partial<Activity>, 'AU')).toBe(
      '+61412345678',
    );
    expect(
      callerNumberOf({ channelId: 'telephony', from: { id: 'anonymous', name: '' } } as Partial<Activity>, 'AU'),
    ).toBeUndefined();
    expect(callerNumberOf({ ...call, channelId: 'webchat' }, 'AU')).toBeUndefined();
  });

  it('when a transfer is started, then it is the hand-off initiation event with the staff number', async () => {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, {
      type: 'message',
      channelId: 'telephony',
      conversation: { id: 'call-1' } as Activity['conversation'],
      from: { id: '+61412345678', name: '' },
      recipient: { id: 'bot', name: 'Bot' },
    } as Partial<Activity>);
    const event = callTransfer(context, '+61291234567');
    expect(event).toMatchObject({ type: 'event', name: 'handoff.initiate', value: { TargetPhoneNumber: '+61291234567' } });
    expect(() => callTransfer(context, '02 9123 4567')).toThrow(/E\.164/);
  });

  it('when the channel reports the transfer, then handoffStatusOf reads accepted and failed', () => {
    expect(handoffStatusOf({ type: 'event', name: 'handoff.status', value: { state: 'failed', message: 'busy' } })).toEqual({
      state: 'failed',
      message: 'busy',
    });
    expect(handoffStatusOf({ type: 'event', name: 'handoff.status', value: { state: 'accepted' } })?.state).toBe('accepted');
    expect(handoffStatusOf({ type: 'message', text: 'hi' })).toBeUndefined();
  });
});

describe('a phone call through the real bot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const call = () => bot.conversation({ channelId: 'telephony', userId: '+61412345678' });
  const key = (convo: ReturnType<typeof call>, k: string) => convo.say(k, { entities: [{ type: 'DTMF' }] });

  it('when a caller is greeted and asks a price, then every reply is speakable SSML with an input hint', async () => {
    const convo = call();
    const [greeting] = await convo.join();
    expect(expectSpeakable(greeting!)).toMatch(/Crumb &amp; Candle/);
    const replies = await convo.say('how much is the large celebration cake?');
    const answer = replies.find((r) => r.type === 'message')!;
    const words = expectSpeakable(answer);
    expect(words).toContain('$95');
    expect(words).toContain('From our celebration cakes information.');
    expect(answer.inputHint).toBe('acceptingInput');
    expect(replies.some((r) => r.type === 'typing')).toBe(false);
  });

  it('when the bot asks a question on the phone, then the input hint expects input', async () => {
    const [reply] = await call().say('do you sell car insurance?');
    expectSpeakable(reply!);
    expect(reply!.text).toMatch(/\?$/);
    expect(reply!.inputHint).toBe('expectingInput');
  });

  it('when nothing is heard twice, then the caller gets a reprompt and then the offer of a person', async () => {
    const convo = call();
    const [first] = await convo.say('');
    expect(first!.text).toMatch(/didn't catch that/);
    expectSpeakable(first!);
    const [second] = await convo.say('');
    expect(second!.text).toMatch(/speak with a person/);
    expect(second!.inputHint).toBe('expectingInput');
  });

  it('when keys are pressed one by one, then the caller hears nothing until # and then gets an answer', async () => {
    const convo = call();
    for (const k of '0412345678') expect(await key(convo, k)).toEqual([]);
    const replies = await key(convo, '#');
    expect(replies.filter((r) => r.type === 'message').length).toBeGreaterThan(0);
    for (const reply of replies.filter((r) => r.type === 'message')) expectSpeakable(reply);
  });
});

describe('silence on a call, through the real bot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // Monday 10:00 in Sydney: the shop is open, so a person can take the call.
    bot = await startTestBot({ overrides: { now: () => new Date('2026-11-23T10:00:00+11:00') } });
  });
  afterAll(async () => {
    await bot.stop();
  });
  const call = () => bot.conversation({ channelId: 'telephony', userId: '+61412345678' });
  const transfer = (replies: ReplyActivity[]) => replies.find((r) => r.type === 'event' && r.name === 'handoff.initiate');

  it('when nothing is heard twice and the caller then says yes, then the call is transferred to the staff number', async () => {
    const convo = call();
    expect((await convo.say(''))[0]!.text).toMatch(/didn't catch/);
    expect((await convo.say(''))[0]!.text).toMatch(/speak with a person/);
    const replies = await convo.say('yes');
    expect(transfer(replies)?.value).toMatchObject({ TargetPhoneNumber: '+61291234567' });
  });

  it('when the offer is answered with key 1, then the call is transferred', async () => {
    const convo = call();
    await convo.say('');
    await convo.say('');
    const replies = await convo.say('1', { entities: [{ type: 'DTMF' }] });
    expect(transfer(replies)).toBeDefined();
  });

  it('when silence comes in the middle of a booking, then the pending question is asked again', async () => {
    const convo = call();
    const asked = (await convo.say('can someone call me back')).at(-1)!.text!;
    const replies = await convo.say('');
    expect(replies[0]!.text).toMatch(/didn't catch/);
    expect(replies.at(-1)!.text).toBe(asked);
  });

  it('when something is heard in between, then the count starts again', async () => {
    const convo = call();
    await convo.say('');
    await convo.say('hello');
    expect((await convo.say(''))[0]!.text).toMatch(/didn't catch/);
    expect(transfer(await convo.say('yes'))).toBeUndefined();
  });
});
