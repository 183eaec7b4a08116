/**
 * A small closed-loop load driver for a Bot Framework messaging endpoint: a fixed number of
 * requests in flight, each one a turn (POST /api/messages until its HTTP response, by which time the
 * CloudAdapter has already delivered the replies to the channel at serviceUrl).
 *
 * Turns come from a pool of live conversations. Each conversation plays its script one step at a
 * time — it never has two turns in flight, as a customer waits for the answer — and when the script
 * ends it is replaced by a fresh conversation, so transcripts stay a realistic length however long
 * the run.
 */
import { randomUUID } from 'node:crypto';

export interface LoadOptions {
  /** Base URL of the bot, e.g. http://127.0.0.1:3978. */
  url: string;
  /** The channel's serviceUrl, where the bot sends its replies. */
  serviceUrl: string;
  /** The activities (without ids) conversation number `n` sends, in order. */
  script: (n: number) => Record<string, unknown>[];
  /** Live conversations in the pool. */
  conversations: number;
  /** Turns in flight at once. */
  concurrency: number;
  /** Stop after this many turns... */
  turns: number;
  /** ...or after this many milliseconds, whichever comes first. */
  maxMs: number;
  /** Called after each turn's response with the conversation id (e.g. to check the replies). */
  afterTurn?: (conversationId: string, step: number, last: boolean) => void;
}

export interface LoadResult {
  turns: number;
  errors: number;
  seconds: number;
  turnsPerSecond: number;
  /** Latency of one turn, milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** Every turn's latency, sorted, for pooling runs. */
  latencies: number[];
}

interface Live {
  id: string;
  userId: string;
  step: number;
  script: Record<string, unknown>[];
}

export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, serviceUrl, script, concurrency, turns, maxMs } = options;
  const endpoint = `${url}/api/messages`;
  let made = 0;
  const fresh = (): Live => ({ id: `bench-${randomUUID()}`, userId: `user-${randomUUID()}`, step: 0, script: script(made++) });
  // Free conversations, oldest first; a worker takes one, plays its next step and puts it back.
  const free: Live[] = Array.from({ length: Math.max(options.conversations, concurrency) }, fresh);
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let seq = 0;
  const begin = performance.now();
  const deadline = begin + maxMs;

  async function worker(): Promise<void> {
    while (started < turns && performance.now() < deadline) {
      started++;
      const live = free.shift()!;
      const activity = {
        ...live.script[live.step]!,
        id: `act-${++seq}`,
        channelId: 'bench',
        serviceUrl,
        conversation: { id: live.id },
        from: { id: live.userId, name: 'Customer' },
        recipient: { id: 'bot', name: 'Bot' },
        timestamp: new Date().toISOString(),
        locale: 'en-AU',
      };
      const sent = await postActivity(endpoint, activity);
      if (!sent.ok) errors++;
      latencies.push(sent.ms);
      live.step++;
      const last = live.step >= live.script.length;
      options.afterTurn?.(live.id, live.step - 1, last);
      free.push(last ? fresh() : live);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - begin) / 1000;
  return summarize(latencies, seconds, errors);
}

/** Turns/s and percentiles of one run, or of several runs pooled. */
/** POSTs one activity and reads the whole answer: how long it took, and whether it was accepted. */
export async function postActivity(endpoint: string, activity: unknown): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  let ok = false;
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.arrayBuffer();
    ok = res.status < 400;
  } catch {
    ok = false;
  }
  return { ms: performance.now() - t0, ok };
}

export function summarize(latencies: number[], seconds: number, errors: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    turns: sorted.length,
    errors,
    seconds: round(seconds),
    turnsPerSecond: round(sorted.length / seconds),
    p50: at(0.5),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1] ?? 0),
    latencies: sorted,
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;
