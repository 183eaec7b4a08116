import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ReusingAuthentication } from '../../src/bot/adapter.js';

const activity = (serviceUrl: string): Activity =>
  ({ type: 'message', serviceUrl, channelId: 'test', conversation: { id: 'c1' }, from: { id: 'u1' } }) as Activity;

describe('ReusingAuthentication', () => {
  it('hands every turn to the same service URL the same connector client, and another URL its own', async () => {
    const auth = new ReusingAuthentication({});
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:1/a'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:1/a'), '');
    const a1 = await first.connectorFactory!.create('http://127.0.0.1:1/a', first.audience);
    const a2 = await second.connectorFactory!.create('http://127.0.0.1:1/a', second.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:1/b', second.audience);
    expect(a2).toBe(a1);
    expect(b).not.toBe(a1);
    // Proactive turns (continueConversation) get the same clients.
    const proactive = await auth.createConnectorFactory(first.claimsIdentity).create('http://127.0.0.1:1/a', first.audience);
    expect(proactive).toBe(a1);
  });

  it('keeps one user-token client per app id', async () => {
    const auth = new ReusingAuthentication({});
    const { claimsIdentity } = await auth.authenticateRequest(activity('http://127.0.0.1:1/a'), '');
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(await auth.createUserTokenClient(claimsIdentity));
  });
});
