import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineRecognizer } from '../../src/domain/understanding/offlineRecognizer.js';
import type { RecognizerContext } from '../../src/domain/understanding/types.js';
import { LlmRecognizer } from '../../src/llm/llmRecognizer.js';
import { memoryLog, stubClient } from './support.js';
import { StubModelServer } from './stubModelServer.js';

const CONTEXT: RecognizerContext = {
  timeZone: 'Australia/Sydney',
  defaultPhoneRegion: 'AU',
  products: ['large celebration cake', 'cupcakes'],
  now: new Date('2026-11-23T10:00:00+11:00'),
  locale: 'en-AU',
};

describe('understanding through an OpenAI-compatible server', () => {
  const stub = new StubModelServer();
  const offline = createOfflineRecognizer();
  let recognizer: LlmRecognizer;

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    recognizer = new LlmRecognizer({ client: stubClient(stub, memoryLog(), { timeoutMs: 1_000 }), offline });
  });

  it('when the model understands what the rules could not, then its intent, entities and listen facts are used', async () => {
    const text = "we're celebrating my nan turning 80, maybe something for the whole crew of 30";
    stub.script = () => ({
      content: {
        intent: 'advice',
        confidence: 0.85,
        entities: { servings: 30, products: ['Large celebration cake', 'Pavlova'] },
        listened: { occasion: "nan's 80th", dietary: null },
      },
    });
    const before = await offline.recognize(text, CONTEXT);
    const u = await recognizer.recognize(text, CONTEXT);
    expect(before.intent).not.toBe('advice');
    expect(u).toMatchObject({ intent: 'advice', confidence: 0.85, text, listened: { occasion: "nan's 80th" } });
    expect(u.entities.servings).toBe(30);
    // Only products the business sells.
    expect(u.entities.products).toEqual(['large celebration cake']);
    // The message is sent as data, with the product list.
    expect(stub.requests[0]!.data).toMatchObject({ message: text, products: CONTEXT.products });
  });

  it('when the model returns malformed JSON, then the offline understanding is used unchanged', async () => {
    stub.script = () => ({ content: '{"intent": "order", ' });
    const text = 'how much is the large cake?';
    expect(await recognizer.recognize(text, CONTEXT)).toEqual(await offline.recognize(text, CONTEXT));
  });

  it('when the model output is partial or has an unknown intent, then the offline understanding is used', async () => {
    const text = 'can someone call me back on 0412 345 678?';
    for (const content of [{ entities: {} }, { intent: 'give_discount' }, { intent: 'question', confidence: 7 }]) {
      stub.script = () => ({ content });
      expect(await recognizer.recognize(text, CONTEXT)).toEqual(await offline.recognize(text, CONTEXT));
    }
  });

  it('when the server fails or is slow, then the offline understanding comes within the timeout', async () => {
    const text = 'hi there';
    const expected = await offline.recognize(text, CONTEXT);
    for (const reply of [{ status: 500 }, { status: 429 }, { content: { intent: 'order' }, delayMs: 2_000 }]) {
      stub.script = () => reply;
      const started = Date.now();
      expect(await recognizer.recognize(text, CONTEXT)).toEqual(expected);
      // Not the 2 s the slow model takes: the deadline cut it.
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('when the model names numbers or a name the message does not contain, then they are dropped', async () => {
    stub.script = () => ({
      content: { intent: 'order', confidence: 0.7, entities: { name: 'Dana', servings: 50, quantity: 2 } },
    });
    const u = await recognizer.recognize('I want to order two dozen cupcakes', CONTEXT);
    expect(u.entities.name).toBeUndefined();
    expect(u.entities.servings).toBeUndefined();
  });

  it('when the rules are sure of the intent and the library found the phone, then the model does not overrule them', async () => {
    stub.script = () => ({ content: { intent: 'question', confidence: 0.99 } });
    const text = 'please call me back on 0412 345 678';
    const expected = await offline.recognize(text, CONTEXT);
    const u = await recognizer.recognize(text, CONTEXT);
    expect(expected.confidence).toBeGreaterThanOrEqual(0.9);
    expect(u.intent).toBe(expected.intent);
    expect(u.entities.phone).toEqual(expected.entities.phone);
  });
});
