/**
 * What the HTTP edge knows about the request a turn came in on — the peer's network address — for
 * limits that must hold per address (guessing references). Carried with AsyncLocalStorage, so the
 * Bot Framework's activity stays as the channel sent it and nothing a client writes can set it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestFacts {
  /** The TCP peer (the load balancer's address when the bot runs behind one). */
  address?: string;
}

const scope = new AsyncLocalStorage<RequestFacts>();

/** Runs `fn` (and everything it starts) as part of a request from `address`. */
export const withRequest = <T>(facts: RequestFacts, fn: () => T): T => scope.run(facts, fn);

/** The address of the request the current turn came in on, when there is one. */
export const requestAddress = (): string | undefined => scope.getStore()?.address;
