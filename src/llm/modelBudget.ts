/**
 * One time budget for all the model calls of one turn: each call gets what is left, not a fresh
 * OPENAI_TIMEOUT_MS, so a hanging model costs a customer one deadline per turn, not one per call.
 * Carried with AsyncLocalStorage from the bot's turn to the client.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const budget = new AsyncLocalStorage<{ endsAt: number }>();

/** Runs a turn whose model calls share `ms` milliseconds in all. */
export const withModelBudget = <T>(ms: number, fn: () => T, now: () => number = Date.now): T =>
  budget.run({ endsAt: now() + ms }, fn);

/** Milliseconds left to the current turn's model calls; undefined outside a turn. */
export function modelTimeLeft(now: () => number = Date.now): number | undefined {
  const store = budget.getStore();
  return store && Math.max(0, store.endsAt - now());
}
