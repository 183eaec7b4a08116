/**
 * Lock-out after repeated failed sign-ins, per user name (known or not, so probing names does not
 * tell which exist). Kept in memory: it resets on restart, and with several instances each counts
 * on its own — the README says so.
 */
export interface LoginThrottle {
  /** Milliseconds until `name` may try again, or 0. */
  lockedFor(name: string, now: Date): number;
  /** Records a failure; returns true when this failure locked the name. */
  fail(name: string, now: Date): boolean;
  succeed(name: string): void;
}

interface Attempts {
  failures: number;
  lockedUntil: number;
}

export function createLoginThrottle(options: { attempts: number; minutes: number; maxNames?: number }): LoginThrottle {
  const byName = new Map<string, Attempts>();
  const maxNames = options.maxNames ?? 10_000;

  return {
    lockedFor(name, now) {
      const entry = byName.get(name);
      if (!entry) return 0;
      const left = entry.lockedUntil - now.getTime();
      if (left > 0) return left;
      if (entry.lockedUntil > 0) byName.delete(name); // the lock ran out: start counting afresh
      return 0;
    },
    fail(name, now) {
      const entry = byName.get(name) ?? { failures: 0, lockedUntil: 0 };
      entry.failures += 1;
      byName.delete(name); // re-insert so the map stays ordered by last failure
      byName.set(name, entry);
      if (byName.size > maxNames) byName.delete(byName.keys().next().value!);
      if (entry.failures < options.attempts) return false;
      entry.lockedUntil = now.getTime() + options.minutes * 60_000;
      return true;
    },
    succeed(name) {
      byName.delete(name);
    },
  };
}
