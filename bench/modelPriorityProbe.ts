/**
 * Does a busy sentence model slow the event loop? (not a test; run by hand, pinned to one core to
 * share it as the bench's bot does: `taskset -c 0 npx tsx bench/modelPriorityProbe.ts`). A stand-in
 * for other conversations — 1 ms of main-thread work every 5 ms — runs for 3 s with the model idle,
 * then 3 s with the worker embedding one question after another; its lateness (cumulative: a loop
 * that cannot keep up falls further behind) is printed. PROBE_NICE=0..19 sets the worker thread's
 * nice value after start (the worker sets 10 itself).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { WorkerEmbedder } from '../src/knowledge/embeddings/workerEmbedder.js';

const worker = await WorkerEmbedder.start();
const mode = process.env.PROBE_NICE ?? '10';
for (const tid of readdirSync('/proc/self/task'))
  if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === 'WorkerThread') setPriority(Number(tid), Number(mode));

async function lateness(ms: number): Promise<string> {
  const lates: number[] = [];
  const end = performance.now() + ms;
  let due = performance.now();
  while (performance.now() < end) {
    due += 5;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    lates.push(performance.now() - due);
    const t = performance.now();
    while (performance.now() - t < 1);
  }
  lates.sort((a, b) => a - b);
  return `lateness p50 ${lates[lates.length >> 1]!.toFixed(2)} ms, p99 ${lates[Math.floor(lates.length * 0.99)]!.toFixed(2)} ms`;
}

console.log(`worker nice ${mode}; model idle: ${await lateness(3000)}`);
let stop = false;
let n = 0;
const busy = (async () => {
  while (!stop) await worker.embed([`how much is delivery to suburb ${n++} on a saturday`]);
})();
console.log(`worker nice ${mode}; model busy: ${await lateness(3000)} (${n} embeddings)`);
stop = true;
await busy;
await worker.close();
