/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions answers with whatever the
 * test's script returns for each request (content, an HTTP status, a delay). Nothing leaves 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Task = 'understanding' | 'grounded_answer' | 'lama_wording' | 'unknown';

export interface StubRequest {
  task: Task;
  /** The request body as sent. */
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string } };
  };
  /** The JSON data of the user message. */
  data: Record<string, unknown>;
}

export interface StubReply {
  /** The message content (an object is sent as JSON text). */
  content?: string | object;
  status?: number;
  delayMs?: number;
  refusal?: string;
}

export type Script = (request: StubRequest) => StubReply;

export class StubModelServer {
  readonly requests: StubRequest[] = [];
  url = '';
  private server?: Server;

  constructor(public script: Script = () => ({ content: 'not json' })) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as StubRequest['body'];
        const request: StubRequest = { task: taskOf(body), body, data: dataOf(body) };
        this.requests.push(request);
        const reply = this.script(request);
        const send = (): void => {
          if (res.destroyed) return;
          if (reply.status && reply.status >= 400) {
            res.writeHead(reply.status, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { message: `scripted ${reply.status}`, type: 'stub' } }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(completion(body.model, reply)));
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
    return this;
  }

  /** Requests for one task. */
  of(task: Task): StubRequest[] {
    return this.requests.filter((r) => r.task === task);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function completion(model: string, reply: StubReply): object {
  const content = typeof reply.content === 'string' ? reply.content : reply.content ? JSON.stringify(reply.content) : null;
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.refusal ? null : content, refusal: reply.refusal ?? null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function taskOf(body: StubRequest['body']): Task {
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  if (system.startsWith('You classify')) return 'understanding';
  if (system.startsWith('You answer')) return 'grounded_answer';
  if (system.includes('consultant')) return 'lama_wording';
  return 'unknown';
}

function dataOf(body: StubRequest['body']): Record<string, unknown> {
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  try {
    return JSON.parse(user.slice(user.indexOf('\n') + 1)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The passages a grounded-answer request carries. */
export const passagesOf = (r: StubRequest): { id: string; heading: string; text: string }[] =>
  (r.data.passages as { id: string; heading: string; text: string }[] | undefined) ?? [];

/** A scripted model that answers with the first sentence of the first passage, citing it. */
export const groundedReply = (r: StubRequest): StubReply => {
  const first = passagesOf(r)[0];
  if (!first) return { content: { answerable: false, answer: '', citations: [] } };
  const sentence = /^.+?[.!?](?=\s|$)/.exec(first.text)?.[0] ?? first.text;
  return { content: { answerable: true, answer: sentence, citations: [first.id] } };
};
