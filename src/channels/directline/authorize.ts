/**
 * Who is calling the embedded Direct Line: a token (bound to one conversation and user) or the
 * secret itself (a site's back end, as with Azure's Direct Line). Failures carry the status and the
 * Direct Line error code to answer with.
 */
import { timingSafeEqual } from 'node:crypto';
import type { TokenClaims, TokenService } from './tokens.js';

export type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };
export type Denied = { status: 401 | 403; code: string; message: string };

export function authorize(
  header: string | undefined,
  tokens: TokenService,
  secret: Buffer,
  conversationId?: string,
): Caller | Denied {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return { status: 401, code: 'Unauthorized', message: 'a Bearer token is required' };
  const given = Buffer.from(m[1]!);
  if (given.length === secret.length && timingSafeEqual(given, secret)) return { kind: 'secret' };
  const check = tokens.verify(m[1]!);
  if (!check.ok) {
    return check.reason === 'expired'
      ? { status: 403, code: 'TokenExpired', message: 'the token has expired' }
      : { status: 401, code: 'Unauthorized', message: 'the token is not valid' };
  }
  if (conversationId !== undefined && check.claims.conv !== conversationId) {
    return { status: 403, code: 'Forbidden', message: 'the token is for another conversation' };
  }
  return { kind: 'token', claims: check.claims };
}

export const isDenied = (c: Caller | Denied): c is Denied => 'status' in c;
