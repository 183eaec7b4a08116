/**
 * A paced (open-loop) load for the sentence-model bench: turns start at a fixed rate, each on a
 * conversation that has no turn in flight, with at most `connections` turns in flight at once (a
 * turn due while all are busy starts when one frees, and counts as late). A closed loop at 10
 * connections only ever measures a saturated bot (its latency is then 10 ÷ throughput); this asks
 * what latency the customers see at a given rate.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelStub } from '../test/support/channelStub.js';
import { postActivity } from './loadDriver.js';

export interface PacedOptions {
  url: string;
  channel: ChannelStub;
  script: (n: number) => Record<string, unknown>[];
  /** Turns started per second. */
  rate: number;
  connections: number;
  ms: number;
  /** What the reply to a script's last step must match. */
  done: RegExp;
}

export interface PacedResult {
  turns: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Turns that could not start on time because every connection was busy. */
  late: number;
  finished: number;
  ended: number;
}

export async function pacedLoad(o: PacedOptions): Promise<PacedResult> {
  let made = 0;
  const fresh = () => ({ id: `paced-${randomUUID()}`, user: `user-${randomUUID()}`, step: 0, script: o.script(made++) });
  const free = Array.from({ length: o.connections }, fresh);
  const latencies: number[] = [];
  let errors = 0;
  let late = 0;
  let inFlight = 0;
  let finished = 0;
  let ended = 0;
  let seq = 0;
  const begin = performance.now();
  const running = new Set<Promise<void>>();
  const turn = async (): Promise<void> => {
    const live = free.shift() ?? fresh();
    const activity = {
      ...live.script[live.step]!,
      id: `act-${++seq}`,
      channelId: 'bench',
      serviceUrl: o.channel.url,
      conversation: { id: live.id },
      from: { id: live.user, name: 'Customer' },
      recipient: { id: 'bot', name: 'Bot' },
      timestamp: new Date().toISOString(),
      locale: 'en-AU',
    };
    const sent = await postActivity(`${o.url}/api/messages`, activity);
    if (!sent.ok) errors++;
    latencies.push(sent.ms);
    live.step++;
    const replies = o.channel.take(live.id).filter((r) => r.type === 'message');
    if (live.step >= live.script.length) {
      finished++;
      if (o.done.test(replies.map((r) => r.text ?? '').join('\n'))) ended++;
      free.push(fresh());
    } else free.push(live);
  };
  for (let n = 0; ; n++) {
    const due = begin + (n * 1000) / o.rate;
    if (due > begin + o.ms) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= o.connections) {
      late++;
      await Promise.race(running);
    }
    inFlight++;
    const p = turn().finally(() => {
      inFlight--;
      running.delete(p);
    });
    running.add(p);
  }
  await Promise.all(running);
  const seconds = (performance.now() - begin) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return {
    turns: sorted.length,
    turnsPerSecond: Math.round((sorted.length / seconds) * 10) / 10,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    late,
    finished,
    ended,
  };
}
