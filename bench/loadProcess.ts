/**
 * The load generator in a process of its own (pinned to a core apart from the bots when the
 * machine has one, see run.ts): the channel stub that takes the bots' replies and the closed-loop
 * driver. Talks to the parent over IPC: sends `{ ready: true }` once the stub listens; answers
 * `{ run: RunRequest }` with a `RunReport` — the load's result, the replies checked and the CPU
 * time this process spent driving it, so the bench can show what the load itself costs.
 */
import { ChannelStub } from '../test/support/channelStub.js';
import { driveLoad, type LoadResult } from './loadDriver.js';
import { workloads, type WorkloadName } from './workloads.js';

export interface RunRequest {
  url: string;
  workload: WorkloadName;
  conversations: number;
  concurrency: number;
  turns: number;
  maxMs: number;
  /** Check that each conversation's last reply is what the full bot says when it works. */
  checkDone: boolean;
}

export interface RunReport {
  result: Omit<LoadResult, 'latencies'> & { latencies: number[] };
  /** Turns that got no message reply at the channel. */
  unanswered: number;
  /** Conversations played to their end, and those whose last reply was the expected one. */
  finished: number;
  done: number;
  /** The first few last replies that were not, to see why. */
  misses: string[];
  /** CPU (user + system) of this process during the run, milliseconds. */
  cpuMs: number;
}

const channel = await new ChannelStub().start();

async function run(request: RunRequest): Promise<RunReport> {
  const workload = workloads[request.workload];
  let unanswered = 0;
  let finished = 0;
  let done = 0;
  const misses: string[] = [];
  const cpu0 = process.cpuUsage();
  const result = await driveLoad({
    url: request.url,
    serviceUrl: channel.url,
    script: workload.script,
    conversations: request.conversations,
    concurrency: request.concurrency,
    turns: request.turns,
    maxMs: request.maxMs,
    afterTurn: (id, _step, last) => {
      const replies = channel.take(id).filter((r) => r.type === 'message');
      if (replies.length === 0) unanswered++;
      if (!last) return;
      finished++;
      const text = replies.map((r) => r.text ?? '').join('\n');
      if (!request.checkDone || workload.done.test(text)) done++;
      else if (misses.length < 3) misses.push(text.slice(0, 200) || '(no reply)');
    },
  });
  const cpu = process.cpuUsage(cpu0);
  return { result, unanswered, finished, done, misses, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message: { run?: RunRequest; stop?: true }) => {
  if (message.stop) void channel.stop().then(() => process.exit(0));
  else if (message.run) void run(message.run).then((report) => process.send!(report));
});
process.send!({ ready: true });
