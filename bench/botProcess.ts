/**
 * A bot under test in its own process (so the load driver does not share its event loop):
 * `full` is the real app from the composition root — sample knowledge, lowdb in a fresh temp
 * DATA_DIR, transcripts on, logs silent; `echo` is the bare echo bot. Talks to the parent over IPC:
 * sends `{ port }` once listening; answers `mark` (start a measurement) with `{ marked }`,
 * `cpu` with `{ cpuMs, spans?, profile? }` for the time since the mark, and `stop` by closing and
 * exiting. BENCH_SPANS=1 adds timing spans of the full bot's turn; BENCH_CPU_PROF=<dir> writes a
 * CPU profile of the measured window.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createOfflineRecognizer } from '../src/domain/understanding/offlineRecognizer.js';
import { createEchoServer } from './echoBot.js';
import { instrumentTurns, reportSpans, resetSpans, startCpuProfile, stopCpuProfile, timedRecognizer } from './turnSpans.js';

const ROOT = resolve(import.meta.dirname, '..');
const kind = process.argv[2];
const spans = Boolean(process.env.BENCH_SPANS) && kind === 'full';
const profileDir = process.env.BENCH_CPU_PROF;

async function start(): Promise<{ port: number; close: () => Promise<void> }> {
  if (kind === 'echo') {
    const server = createEchoServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((done) => server.close(() => done())),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'isb-bench-'));
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    LOG_LEVEL: 'silent',
  });
  if (spans) instrumentTurns();
  const app = await createApp(
    config,
    createLogger(config.LOG_LEVEL),
    spans ? { recognizer: timedRecognizer(createOfflineRecognizer()) } : {},
  );
  const port = await app.listen();
  return {
    port,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

if (kind !== 'full' && kind !== 'echo') throw new Error(`usage: botProcess.ts full|echo (got ${kind})`);
const bot = await start();
// If the benchmark dies, so does the bot, rather than lingering on its port.
process.on('disconnect', () => process.exit(0));
let mark = process.cpuUsage();
process.on('message', async (message: string) => {
  if (message === 'mark') {
    resetSpans();
    if (profileDir) await startCpuProfile();
    mark = process.cpuUsage();
    process.send!({ marked: true });
  } else if (message === 'cpu') {
    const used = process.cpuUsage(mark);
    const profile = profileDir ? await stopCpuProfile(profileDir, kind) : undefined;
    process.send!({ cpuMs: (used.user + used.system) / 1000, spans: spans ? reportSpans() : undefined, profile });
  } else if (message === 'stop') {
    void bot.close().then(() => process.exit(0));
  }
});
process.send!({ port: bot.port });
