/**
 * HTTP plumbing for the staff routes: cookies, credentials, parameters and error statuses. Errors
 * become status codes only here.
 */
import type restify from 'restify';
import type { z } from 'zod';
import { AppError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import { sameSecret, type StaffAccounts, type StaffPrincipal } from './staffAccounts.js';

export const SESSION_COOKIE = 'staff_session';
const CSRF_HEADER = 'x-staff-csrf';

/** Failing credentials or rights, with the status they answer with. */
export class StaffHttpError extends AppError {
  constructor(
    readonly status: 401 | 403 | 429 | 503,
    code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}

export function readCookie(req: restify.Request, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookie(value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/staff',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who sent the request: a bearer token, else the session cookie. A change made with a cookie must
 * carry the session's CSRF token in `X-Staff-CSRF` (bearer tokens are not sent by browsers on
 * their own, so they need none).
 */
export async function authenticate(req: restify.Request, accounts: StaffAccounts): Promise<StaffPrincipal> {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match && (await accounts.checkToken(match[1]!));
    if (!principal) throw new StaffHttpError(401, 'unauthorized', 'invalid bearer token');
    return principal;
  }
  const session = readCookie(req, SESSION_COOKIE);
  const principal = session ? await accounts.checkSession(session) : undefined;
  if (!principal) throw new StaffHttpError(401, 'unauthorized', 'sign in first');
  if (CHANGES.has(req.method ?? '')) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !principal.csrf || !sameSecret(sent, principal.csrf)) {
      throw new StaffHttpError(403, 'csrf', `missing or wrong ${CSRF_HEADER} header`);
    }
  }
  return principal;
}

export function requireManager(principal: StaffPrincipal): void {
  if (principal.role !== 'manager') throw new StaffHttpError(403, 'forbidden', 'managers only');
}

/** Parses with a zod schema; a failure becomes a 400 listing every issue. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ValidationError('invalid parameters', issues);
}

/** The query string as a plain object (the last value wins for repeated keys). */
export const queryOf = (req: restify.Request): Record<string, string> => Object.fromEntries(new URLSearchParams(req.getQuery()));

const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

export function secure(res: restify.Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.header(name, value);
}

export function sendBody(
  res: restify.Response,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** Turns an error into the response for it. */
export function sendError(res: restify.Response, error: unknown, logger: Logger): void {
  secure(res);
  if (error instanceof StaffHttpError) {
    if (error.retryAfterSeconds) res.header('Retry-After', String(error.retryAfterSeconds));
    res.send(error.status, { error: error.code, message: error.message });
  } else if (error instanceof ValidationError) {
    res.send(400, { error: 'invalid_parameters', message: error.message, issues: error.issues });
  } else if (error instanceof NotFoundError) {
    res.send(404, { error: 'not_found', message: error.message });
  } else {
    logger.error({ err: error }, 'staff request failed');
    res.send(500, { error: 'internal' });
  }
}

/** A route handler that runs once the caller is known. */
type Guarded = (req: restify.Request, res: restify.Response, who: StaffPrincipal) => Promise<void>;
export type Guard = (
  handler: Guarded,
  options?: { managers?: boolean },
) => (req: restify.Request, res: restify.Response) => Promise<void>;
