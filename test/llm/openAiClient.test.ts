import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiClient, parseJson } from '../../src/llm/openAiClient.js';
import { memoryLog } from './support.js';
import { StubModelServer } from './stubModelServer.js';

const Schema = z.object({ ok: z.boolean() });
const request = { name: 'probe', system: 'You answer probes.', user: 'DATA\n{}', schema: Schema };

describe('the OpenAI-compatible client', () => {
  const stub = new StubModelServer();
  let log: ReturnType<typeof memoryLog>;
  const client = (options: Partial<ConstructorParameters<typeof OpenAiClient>[0]> = {}): OpenAiClient =>
    new OpenAiClient({ apiKey: 'k', baseURL: stub.url, model: 'stub-model', timeoutMs: 1_500, log, ...options });

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    log = memoryLog();
  });

  it('when the server answers JSON, then it is validated and the latency is logged', async () => {
    stub.script = () => ({ content: '```json\n{"ok": true}\n```' });
    const result = await client().completeJson(request);
    expect(result).toMatchObject({ ok: true, value: { ok: true } });
    expect(stub.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'probe' } });
    expect(log.lines).toEqual([
      expect.objectContaining({ msg: 'model call', obj: expect.objectContaining({ llm: 'probe', ms: expect.any(Number) }) }),
    ]);
  });

  it('when the server does not support json_schema, then the client switches to json_object for good', async () => {
    stub.script = (r) => (r.body.response_format?.type === 'json_schema' ? { status: 400 } : { content: { ok: true } });
    const c = client();
    expect(await c.completeJson(request)).toMatchObject({ ok: true });
    expect(await c.completeJson(request)).toMatchObject({ ok: true });
    expect(stub.requests.map((r) => r.body.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it('when calls keep failing, then the client stays off for the cool-down and answers at once', async () => {
    stub.script = () => ({ status: 500 });
    const c = client({ breakAfter: 2, coolDownMs: 300 });
    await c.completeJson(request);
    await c.completeJson(request);
    expect(await c.completeJson(request)).toMatchObject({ ok: false, reason: 'circuit_open' });
    expect(stub.requests).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 350)); // the cool-down passes
    stub.script = () => ({ content: { ok: true } });
    expect(await c.completeJson(request)).toMatchObject({ ok: true });
  });

  it('when nothing listens at the address, then the failure is a network one and comes fast', async () => {
    const c = new OpenAiClient({ apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 1_000, log });
    const started = Date.now();
    expect(await c.completeJson(request)).toMatchObject({ ok: false, reason: 'network' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('when the JSON has nulls for absent fields, then they count as absent', () => {
    expect(parseJson('{"a": 1, "b": null}', z.object({ a: z.number(), b: z.string().optional() }))).toEqual({ a: 1 });
    expect(parseJson('not json', Schema)).toBeUndefined();
  });
});
