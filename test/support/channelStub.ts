/**
 * A stand-in for a Bot Framework channel: an HTTP server at the activities' serviceUrl that takes
 * the bot's replies (POST /v3/conversations/:id/activities[/:replyTo]) and keeps them per conversation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplyActivity {
  type: string;
  text?: string;
  speak?: string;
  inputHint?: string;
  name?: string;
  value?: unknown;
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
  attachments?: unknown[];
  channelData?: unknown;
  [key: string]: unknown;
}

export class ChannelStub {
  readonly replies = new Map<string, ReplyActivity[]>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && m) {
          const conversationId = decodeURIComponent(m[1]!);
          const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ReplyActivity;
          const list = this.replies.get(conversationId) ?? [];
          list.push(activity);
          this.replies.set(conversationId, list);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${list.length}` }));
          return;
        }
        res.statusCode = 404;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  /** Replies received for a conversation since the last call (and forgets them). */
  take(conversationId: string): ReplyActivity[] {
    const list = this.replies.get(conversationId) ?? [];
    this.replies.delete(conversationId);
    return list;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
