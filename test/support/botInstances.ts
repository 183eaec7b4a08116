/**
 * Real bot processes (`src/main.ts`, as `npm start` runs it) and a round-robin loopback proxy in
 * front of them, as a load balancer would be: the two-instance test and bench/twoInstances.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './testBot.js';

export interface Instance {
  child: ChildProcess;
  url: string;
  log: () => string;
}

/** Starts `src/main.ts` in its own process with `env` (on top of quiet test defaults); resolves once it listens. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', '--no-deprecation', join(REPO, 'src/main.ts')], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      KNOWLEDGE_DIR: join(REPO, 'knowledge'),
      DATA_DIR: tmpdir(),
      EMBEDDINGS: 'off',
      LOG_LEVEL: 'info',
      OPENAI_API_KEY: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the start-up is kept: the listen line and any error before it.
  let listening = false;
  const keep = (d: Buffer): void => {
    if (!listening) out += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no listen line: ${out}`)), 120_000);
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${out}`)));
    child.stdout?.on('data', () => {
      const m = /"port":(\d+)/.exec(out);
      if (m && !listening) {
        listening = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, log: () => out };
}

/** SIGTERM, as an orchestrator stops an instance, and waits for the exit. */
export async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.on('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

export interface Proxy {
  url: string;
  /** Requests sent to each target so far. */
  served: number[];
  close(): Promise<void>;
}

/** A loopback load balancer: each request goes to the next target in turn. */
export async function roundRobin(targets: string[]): Promise<Proxy> {
  const served = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const index = next++ % targets.length;
    served[index]!++;
    const target = new URL(targets[index]!);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
