/** The embedded Direct Line when its conversation store (PostgreSQL with several instances) fails. */
import type { AddressInfo } from 'node:net';
import { CloudAdapter } from 'botbuilder';
import restify from 'restify';
import { afterEach, expect, it } from 'vitest';
import { registerDirectLine } from '../../src/channels/directline/registerDirectLine.js';
import { StoreUnavailableError } from '../../src/domain/errors.js';
import type { DirectLineStore } from '../../src/domain/sharedState.js';
import { createLogger } from '../../src/logger.js';

let server: restify.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

it('when the conversation store does not answer, then Direct Line answers 503 ServiceUnavailable and the server stays up', async () => {
  const down = (): Promise<never> => Promise.reject(new StoreUnavailableError('direct line'));
  const store: DirectLineStore = { create: down, get: down, start: down, append: down, since: down };
  server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  registerDirectLine(server, {
    adapter: new CloudAdapter(),
    bot: { run: async () => undefined },
    logger: createLogger('silent'),
    botAccount: { id: 'bot', name: 'Bot' },
    store,
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${base}/tokens/generate`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ServiceUnavailable');
  }
});
