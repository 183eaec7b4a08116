import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LamaDraft } from '../../src/domain/consulting/lamaWriter.js';
import { LlmLamaWriter } from '../../src/llm/llmLamaWriter.js';
import { memoryLog, stubClient, WEBCHAT } from './support.js';
import { StubModelServer } from './stubModelServer.js';

const DRAFT: LamaDraft = {
  customerText: "It's for my daughter's birthday, about 20 people.",
  fresh: { occasion: 'birthday', servings: '20' },
  known: { occasion: 'birthday', servings: '20' },
  acknowledgement: 'A birthday, for about 20 people: got it.',
  ask: { need: 'date', question: 'When do you need it by?', keywords: ['when', 'date', 'day'] },
  knownKeywords: ['occasion', 'how many', 'people', 'guests'],
  fit: WEBCHAT,
};

describe('L.A.M.A. wording through an OpenAI-compatible server', () => {
  const stub = new StubModelServer();
  let writer: LlmLamaWriter;

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    writer = new LlmLamaWriter({
      client: stubClient(stub, memoryLog(), { timeoutMs: 1_000 }),
      productNames: ['Large celebration cake'],
    });
  });

  it('when the model words both parts within the rules, then its words are used', async () => {
    stub.script = () => ({
      content: {
        acknowledgement: 'A birthday cake for your daughter, feeding about 20 — lovely.',
        question: 'What day is the party?',
      },
    });
    expect(await writer.write(DRAFT)).toEqual({
      acknowledgement: 'A birthday cake for your daughter, feeding about 20 — lovely.',
      question: 'What day is the party?',
      by: 'model',
    });
    expect(stub.requests[0]!.data).toMatchObject({ askAbout: 'When do you need it by?', knownFacts: { servings: '20' } });
  });

  it('when the model adds a fact or a promise, then that part falls back to the fixed copy', async () => {
    stub.script = () => ({
      content: {
        acknowledgement: 'A birthday for 20 — our large celebration cake at 10% off would suit.',
        question: 'When is the party?',
      },
    });
    expect(await writer.write(DRAFT)).toEqual({
      acknowledgement: DRAFT.acknowledgement,
      question: 'When is the party?',
      by: 'model',
    });
  });

  it('when the model asks two questions, asks again what is known or asks about another need, then the fixed question is used', async () => {
    for (const question of ['When is it? And how many people?', 'How many people will there be?', 'When do you need it']) {
      stub.script = () => ({ content: { question } });
      expect((await writer.write(DRAFT)).question).toBe(DRAFT.ask.question);
    }
  });

  it('when the model fails, then the whole turn keeps the fixed copy', async () => {
    for (const reply of [{ status: 500 }, { content: 'nope' }, { content: { question: 'When?' }, delayMs: 2_000 }]) {
      stub.script = () => reply;
      expect(await writer.write(DRAFT)).toEqual({
        acknowledgement: DRAFT.acknowledgement,
        question: DRAFT.ask.question,
        by: 'offline',
      });
    }
  });
});
