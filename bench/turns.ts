/**
 * Turn throughput of one bot over HTTP on loopback: starts the bot in a child process
 * (bench/botProcess.ts) and a channel stub at serviceUrl in this process, warms up, then drives a
 * fixed load and reports turns/s, latency and the bot process's CPU time per turn.
 *
 * BENCH_SPANS=1 and BENCH_CPU_PROF=<dir> add where the full bot's time goes (see turnSpans.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ChannelStub } from '../test/support/channelStub.js';
import { driveLoad, summarize, type LoadResult } from './loadDriver.js';

export interface TurnSettings {
  conversations: number;
  concurrency: number;
  /** Measured turns per run. */
  turns: number;
  /** Cap on one run's duration, milliseconds. */
  maxMs: number;
}

export interface TurnBench extends LoadResult {
  /** CPU time (user + system) the bot process spent per measured turn, milliseconds. */
  cpuMsPerTurn: number;
  /** Measured turns that got no message reply at the channel. */
  unanswered: number;
  /** With BENCH_SPANS: where the turn's time went. */
  spans?: string[];
  /** With BENCH_CPU_PROF: the CPU profile of the measured window. */
  profile?: string;
}

/** What each conversation says: it joins, then asks the sample bakery's customers' questions. */
export const SCRIPT: Record<string, unknown>[] = [
  { type: 'conversationUpdate', membersAdded: [{ id: 'customer' }, { id: 'bot' }] },
  ...[
    'how much is the large celebration cake?',
    'do you deliver to Bondi?',
    'what are your opening hours?',
    'is the gluten free cake safe for coeliacs?',
    'how far ahead do I need to order?',
    'can I pay by card?',
    'do you make vegan cupcakes?',
    'what if I need to cancel my order?',
  ].map((text) => ({ type: 'message', text })),
];

/** A bot running in its own process with a channel stub for its replies. */
export interface BotUnderLoad {
  /** Plays every step of the script at least once; returns each message and the reply's first line. */
  warmUp(turns: number, settings: TurnSettings): Promise<{ text: string; reply: string }[]>;
  /** One measured run. */
  measure(settings: TurnSettings): Promise<TurnBench>;
  stop(): Promise<void>;
}

export async function startBotUnderLoad(kind: 'full' | 'echo'): Promise<BotUnderLoad> {
  const channel = await new ChannelStub().start();
  const child = await startBot(kind);
  const base = { url: `http://127.0.0.1:${child.port}`, serviceUrl: channel.url, script: SCRIPT };
  return {
    async warmUp(turns, settings) {
      const samples = new Map<string, string>();
      await driveLoad({
        ...base,
        ...settings,
        turns: Math.max(turns, settings.conversations * SCRIPT.length),
        maxMs: 60_000,
        afterTurn: (id, step) => {
          const text = SCRIPT[step]?.text;
          const reply = channel.take(id).find((r) => r.type === 'message')?.text ?? '(no reply)';
          if (typeof text === 'string' && !samples.has(text)) samples.set(text, reply.split('\n')[0]!.slice(0, 90));
        },
      });
      return [...samples].map(([text, reply]) => ({ text, reply }));
    },
    async measure(settings) {
      await child.request('mark');
      let unanswered = 0;
      const result = await driveLoad({
        ...base,
        ...settings,
        afterTurn: (id) => {
          if (!channel.take(id).some((r) => r.type === 'message')) unanswered++;
        },
      });
      const { cpuMs, spans, profile } = (await child.request('cpu')) as { cpuMs: number; spans?: string[]; profile?: string };
      return { ...result, cpuMsPerTurn: round2(cpuMs / result.turns), unanswered, spans, profile };
    },
    async stop() {
      await child.stop();
      await channel.stop();
    },
  };
}

/** Several runs of one bot as one: turns/s over the total time, percentiles over every turn. */
export function pool(runs: TurnBench[]): TurnBench {
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const pooled = summarize(
    runs.flatMap((r) => r.latencies),
    seconds,
    runs.reduce((t, r) => t + r.errors, 0),
  );
  return {
    ...pooled,
    cpuMsPerTurn: round2(runs.reduce((t, r) => t + r.cpuMsPerTurn * r.turns, 0) / pooled.turns),
    unanswered: runs.reduce((t, r) => t + r.unanswered, 0),
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

interface BotChild {
  port: number;
  request(message: string): Promise<unknown>;
  stop(): Promise<void>;
}

async function startBot(kind: 'full' | 'echo'): Promise<BotChild> {
  const child: ChildProcess = fork(resolve(import.meta.dirname, 'botProcess.ts'), [kind], {
    execArgv: ['--import', 'tsx', '--no-deprecation'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (): Promise<unknown> =>
    new Promise((resolveMessage, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`${kind} bot exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolveMessage(message);
      });
    });
  const { port } = (await next()) as { port: number };
  return {
    port,
    request(message) {
      const reply = next();
      child.send(message);
      return reply;
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.send('stop');
      }),
  };
}
