/**
 * What /healthz answers: the store answers within its deadline (guardStores bounds it), and the
 * disk holding DATA_DIR keeps at least the configured reserve free — a full disk makes bookings
 * fail, so the load balancer should stop sending customers here first. Never slower than `deadlineMs`.
 */
import { statfs } from 'node:fs/promises';
import type { Stores } from './domain/ports.js';

export function healthCheck(options: {
  stores: Pick<Stores, 'healthy'>;
  dataDir: string;
  minFreeMb: number;
  deadlineMs?: number;
}): () => Promise<boolean> {
  const diskOk = async (): Promise<boolean> => {
    if (options.minFreeMb <= 0) return true;
    const stats = await statfs(options.dataDir).catch(() => undefined);
    // A folder that cannot be read (not created yet, another backend) is the store's business.
    if (!stats) return true;
    return (stats.bavail * stats.bsize) / 1_048_576 >= options.minFreeMb;
  };
  return () =>
    Promise.race([
      Promise.all([options.stores.healthy(), diskOk()]).then(([store, disk]) => store && disk),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.deadlineMs ?? 900).unref()),
    ]).catch(() => false);
}
