/** Base class of every error the product raises on purpose: a stable code and an optional cause. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A write lost a race: the record changed since it was read. */
export class ConcurrencyError extends AppError {
  constructor(key: string) {
    super('concurrency', `"${key}" was changed by someone else; read it again`);
  }
}

/** Input that fails validation at an edge (HTTP body, file, environment). */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super('validation', message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** The store did not answer in time, failed, or is being given a rest (the circuit is open). */
export class StoreUnavailableError extends AppError {
  constructor(operation: string, options?: { cause?: unknown }) {
    super('store_unavailable', `the store did not complete ${operation}`, options);
  }
}

/** A conversation's turn lock was not had in time: another turn of it is still running. */
export class LockTimeoutError extends AppError {
  constructor(key: string, waitedMs: number) {
    super('lock_timeout', `the turn lock for "${key}" was not free within ${waitedMs} ms`);
  }
}
