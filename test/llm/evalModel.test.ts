import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUNED_MIN_CONFIDENCE } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { ownSets } from '../eval/evalSets.js';
import { evaluateModelSet } from '../eval/evaluateModel.js';
import { REPO } from '../support/testBot.js';
import { memoryLog, stubClient } from './support.js';
import { groundedReply, passagesOf, StubModelServer } from './stubModelServer.js';

const run = promisify(execFile);

describe('the evaluation of the model path (against the stub, not a real model)', () => {
  const stub = new StubModelServer();
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());

  it('when the model sometimes invents a price, then the eval counts it as caught and none as shown', async () => {
    let n = 0;
    stub.script = (r) =>
      ++n % 3 === 0
        ? { content: { answerable: true, answer: 'That costs $1234.', citations: [passagesOf(r)[0]?.id ?? 'P1'] } }
        : groundedReply(r);
    const r = await evaluateModelSet((await ownSets())[0]!, TUNED_MIN_CONFIDENCE, stubClient(stub, memoryLog()));
    expect(r.inventedCaught).toBeGreaterThan(0);
    expect(r.inventedShown).toBe(0);
    expect(r.modelWorded).toBeGreaterThan(0);
    expect(r.accuracy).toBeGreaterThan(0);
    // The stub words every grounded answer, so refusals come from the offline decision: there are some.
    expect(r.refusal).toBeGreaterThan(0);
  });

  it('when npm run eval runs with a model configured, then it prints the offline lines and the side-by-side table', async () => {
    stub.script = groundedReply;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/eval/run.ts', '--split', 'all', '--no-forecast'], {
      cwd: REPO,
      // No external sets here: the model path is measured on the own sets only.
      env: {
        ...process.env,
        EVAL_DIR: '/nonexistent',
        EMBEDDINGS: 'off',
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: stub.url,
        OPENAI_MODEL: 'stub-model',
      },
    });
    expect(stdout).toMatch(/accuracy@1: \d\.\d\d/);
    expect(stdout).toMatch(/refusal \(own unanswerable\): \d\.\d\d/);
    expect(stdout).toMatch(/model path: stub-model at http:\/\/127\.0\.0\.1/);
    expect(stdout).toMatch(/set\s+answer ok offline\s+model\s+refusal offline\s+model\s+invented caught\s+invented shown/);
    expect(stdout).toMatch(/^bakery\s+\d\.\d\d\s+\d\.\d\d\s+\d\.\d\d\s+\d\.\d\d\s+\d+\s+0\s+/m);
    expect(stdout).toMatch(/^bikes\s/m);
  }, 60_000);
});
