/**
 * Turn latency of a knowledge question, one conversation at a time, over /api/messages on loopback:
 * the real app (sample bakery, lowdb, transcripts on) with the sentence model off and on, and the
 * bot process's memory once it is ready, one process per setting:
 * `npx tsx bench/knowledgeTurn.ts off|local [rounds]`
 *
 * With the model on, measuring starts once the passages are embedded ("sentence model ready"), from
 * the vector cache in data/embeddings when it is warm. Each question is new text (never a cached
 * vector), so every turn embeds its question.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { ChannelStub } from '../test/support/channelStub.js';
import { readQuestionFile } from '../test/eval/evalSets.js';

const ROOT = resolve(import.meta.dirname, '..');
const mode = process.argv[2] === 'local' ? 'local' : 'off';
const rounds = Number(process.argv[3] ?? 2);
const questions = (await readQuestionFile(resolve(ROOT, 'test/eval/bakery.json'), 'bakery')).answerable.map((a) => a.q);
const pct = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

{
  const dataDir = await mkdtemp(join(tmpdir(), 'isb-kt-'));
  let ready!: () => void;
  const modelReady = new Promise<void>((r) => (ready = r));
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (chunk.toString().includes('sentence model ready')) ready();
      done();
    },
  });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    EMBEDDINGS: mode,
    EMBEDDINGS_CACHE_DIR: join(ROOT, 'data/embeddings'),
  });
  const rss0 = process.memoryUsage().rss;
  const started = performance.now();
  const app = await createApp(config, pino({ level: 'info' }, sink));
  const port = await app.listen();
  if (mode === 'local') await modelReady;
  const readyMs = performance.now() - started;
  const rss = process.memoryUsage().rss;
  const channel = await new ChannelStub().start();
  let seq = 0;
  const ask = async (conversation: string, text: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `a-${++seq}`,
        channelId: 'webchat',
        serviceUrl: channel.url,
        conversation: { id: conversation },
        from: { id: `u-${conversation}`, name: 'Customer' },
        recipient: { id: 'bot', name: 'Bot' },
        text,
      }),
    });
    const ms = performance.now() - t;
    if (res.status >= 400) throw new Error(`bot answered ${res.status}`);
    channel.take(conversation);
    return ms;
  };
  for (const q of questions.slice(0, 10)) await ask('warm', q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const [i, q] of questions.entries()) times.push(await ask(`c-${r}-${i}`, `${q} (${mode} ${r})`));
  times.sort((a, b) => a - b);
  console.log(
    `EMBEDDINGS=${mode}: ${times.length} knowledge turns, p50 ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms; ` +
      `ready ${readyMs.toFixed(0)} ms, RSS at start ${(rss / 1e6).toFixed(0)} MB (+${((rss - rss0) / 1e6).toFixed(0)} MB for the app)`,
  );
  await app.close();
  await channel.stop();
  await rm(dataDir, { recursive: true, force: true });
}
