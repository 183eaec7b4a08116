/**
 * The embedded Direct Line, driven by Microsoft's own client (botframework-directlinejs, polling).
 * The client uses rxjs's DOM ajax, which needs an XMLHttpRequest: Node has none, so xhr2 provides it;
 * and it reads the global WebSocket even when polling, which Node 20 lacks, so a stub is passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { ConnectionStatus, DirectLine, type Activity } from 'botframework-directlinejs';
import { createTokenService } from '../../src/channels/directline/tokens.js';
import { createOfflineRecognizer } from '../../src/domain/understanding/offlineRecognizer.js';
import { startTestBot, type TestBot } from '../support/testBot.js';

(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= createRequire(import.meta.url)('xhr2') as unknown;

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('the embedded Direct Line with the botframework-directlinejs client', () => {
  let bot: TestBot;
  let domain: string;
  const clients: DirectLine[] = [];
  beforeAll(async () => {
    bot = await startTestBot({ env: { DIRECTLINE_SECRET: SECRET } });
    domain = `${bot.url}/v3/directline`;
  });
  afterAll(async () => {
    for (const c of clients) c.end();
    await bot.stop();
  });

  const generate = async (): Promise<{ token: string; conversationId: string; expires_in: number }> => {
    const res = await fetch(`${domain}/tokens/generate`, { method: 'POST' });
    expect(res.status).toBe(200);
    return res.json() as Promise<{ token: string; conversationId: string; expires_in: number }>;
  };
  const connect = (token: string): { client: DirectLine; seen: Activity[] } => {
    // Node 20 has no global WebSocket and the client reads it even when polling; it is never used.
    const client = new DirectLine({ token, domain, webSocket: false, pollingInterval: 200, WebSocket: class {} as never });
    clients.push(client);
    const seen: Activity[] = [];
    // end() errors the stream with "conversation ended"; that is the expected way out.
    client.activity$.subscribe({ next: (a) => seen.push(a), error: () => undefined });
    return { client, seen };
  };
  const botMessages = (seen: Activity[]) =>
    seen.filter((a) => a.type === 'message' && a.from.role === 'bot').map((a) => (a as { text?: string }).text ?? '');

  it('when a client starts with a token, then it goes online and the bot greets it', async () => {
    const { token, conversationId, expires_in } = await generate();
    expect(expires_in).toBe(1800);
    const { client, seen } = connect(token);
    await expect.poll(() => client.connectionStatus$.getValue(), { timeout: 5000 }).toBe(ConnectionStatus.Online);
    await expect.poll(() => botMessages(seen), { timeout: 5000 }).toEqual([expect.stringMatching(/welcome to Crumb & Candle/)]);
    expect(seen[0]!.conversation?.id).toBe(conversationId);
  });

  it('when the visitor asks a price with utm parameters, then the answer arrives and the source lands on the lead', async () => {
    const { token, conversationId } = await generate();
    const { client, seen } = connect(token);
    const id = await new Promise<string>((resolve, reject) =>
      client
        .postActivity({
          type: 'message',
          from: { id: 'ignored', name: 'Visitor' },
          text: 'how much is the large celebration cake?',
          channelData: { utm_source: 'newsletter', utm_campaign: 'spring', referrer: 'https://news.example/' },
        } as Activity)
        .subscribe({ next: resolve, error: reject }),
    );
    expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    await expect.poll(() => botMessages(seen).join('\n'), { timeout: 5000 }).toMatch(/\$95/);
    const mine = seen.find((a) => a.id === id)!;
    expect(mine.from.role).toBe('user');
    expect(mine.from.id).toMatch(/^dl_/);
    await expect.poll(async () => (await bot.app.stores.conversations.get(conversationId))?.source).toBe('newsletter');
    expect((await bot.app.stores.conversations.get(conversationId))?.campaign).toBe('spring');
  });

  it('when activities are fetched after a watermark, then only later ones come', async () => {
    const { token, conversationId } = await generate();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${domain}/conversations`, { method: 'POST', headers: auth });
    await fetch(`${domain}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'hello' }),
    });
    const all = (await (await fetch(`${domain}/conversations/${conversationId}/activities`, { headers: auth })).json()) as {
      activities: Activity[];
      watermark: string;
    };
    expect(all.activities.length).toBeGreaterThanOrEqual(3);
    const later = (await (
      await fetch(`${domain}/conversations/${conversationId}/activities?watermark=${Number(all.watermark) - 1}`, {
        headers: auth,
      })
    ).json()) as { activities: Activity[]; watermark: string };
    expect(later.activities).toEqual([all.activities.at(-1)]);
    expect(later.watermark).toBe(all.watermark);
  });

  it('when a token is used for another conversation, is forged or has expired, then it is refused', async () => {
    const a = await generate();
    const b = await generate();
    const other = await fetch(`${domain}/conversations/${b.conversationId}/activities`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(other.status).toBe(403);
    const forged = await fetch(`${domain}/conversations/${a.conversationId}/activities`, {
      headers: { authorization: `Bearer ${a.token.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
    const none = await fetch(`${domain}/conversations/${a.conversationId}/activities`);
    expect(none.status).toBe(401);
    const old = createTokenService({ secret: SECRET, now: () => Date.now() - 3_600_000 }).issue(a.conversationId, 'dl_x').token;
    const expired = await fetch(`${domain}/conversations/${a.conversationId}/activities`, {
      headers: { authorization: `Bearer ${old}` },
    });
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('TokenExpired');
  });

  it('when a token is refreshed or the conversation reconnected, then the same conversation continues', async () => {
    const { token, conversationId } = await generate();
    const refreshed = await fetch(`${domain}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const body = (await refreshed.json()) as { token: string; conversationId: string };
    expect(body.conversationId).toBe(conversationId);
    const reconnect = await fetch(`${domain}/conversations/${conversationId}?watermark=0`, {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(reconnect.status).toBe(200);
    expect(((await reconnect.json()) as { conversationId: string }).conversationId).toBe(conversationId);
  });

  it('when the secret starts a conversation for a known user, then that user id is used', async () => {
    const res = await fetch(`${domain}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: 'site-user-42' } }),
    });
    const { token } = (await res.json()) as { token: string };
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).user).toBe('site-user-42');
    const anonymous = await fetch(`${domain}/tokens/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: 'site-user-42' } }),
    });
    const claims = JSON.parse(
      Buffer.from(((await anonymous.json()) as { token: string }).token.split('.')[1]!, 'base64url').toString(),
    );
    expect(claims.user).toMatch(/^dl_/);
  });

  it('when a posted activity is malformed or too big, then it is refused with 400 or 413', async () => {
    const { token, conversationId } = await generate();
    const post = (body: string) =>
      fetch(`${domain}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    expect((await post(JSON.stringify({ type: 'invoke', text: 'x' }))).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message', attachments: [{ contentUrl: 'http://x' }] }))).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message', text: 'x'.repeat(70_000) }))).status).toBe(413);
  });

  it('when a page on another site asks for a token, then CORS allows it', async () => {
    const res = await fetch(`${domain}/tokens/generate`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('when someone else posts to the connector routes, then they are refused', async () => {
    const { conversationId } = await generate();
    const res = await fetch(`${bot.url}/v3/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'I am the bot, honest' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('typing on the embedded Direct Line', () => {
  it('when the bot is slow to answer, then a typing activity reaches the client before the reply', async () => {
    const offline = createOfflineRecognizer();
    const bot = await startTestBot({
      overrides: {
        recognizer: {
          recognize: async (text, context) => {
            await new Promise((r) => setTimeout(r, 900));
            return offline.recognize(text, context);
          },
        },
      },
    });
    try {
      const domain = `${bot.url}/v3/directline`;
      const { token, conversationId } = (await (await fetch(`${domain}/tokens/generate`, { method: 'POST' })).json()) as {
        token: string;
        conversationId: string;
      };
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      await fetch(`${domain}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', text: 'how much is delivery?' }),
      });
      const page = (await (await fetch(`${domain}/conversations/${conversationId}/activities`, { headers: auth })).json()) as {
        activities: { type: string; from: { role?: string } }[];
      };
      const fromBot = page.activities.filter((a) => a.from.role === 'bot').map((a) => a.type);
      expect(fromBot.indexOf('typing')).toBeGreaterThanOrEqual(0);
      expect(fromBot.indexOf('typing')).toBeLessThan(fromBot.lastIndexOf('message'));
    } finally {
      await bot.stop();
    }
  });
});

describe('new chats per address on the embedded Direct Line', () => {
  it('when one address asks for more anonymous chats than DIRECTLINE_STARTS_PER_MINUTE, then the rest get 429 and the secret holder is not limited', async () => {
    const bot = await startTestBot({ env: { DIRECTLINE_SECRET: SECRET, DIRECTLINE_STARTS_PER_MINUTE: '3' } });
    try {
      const generate = (headers: Record<string, string> = {}) =>
        fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST', headers });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await generate()).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await generate();
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
      // The site's back end asks on behalf of all its visitors, from one address.
      for (let i = 0; i < 5; i++) expect((await generate({ authorization: `Bearer ${SECRET}` })).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});
