/**
 * Direct Line tokens: compact JWTs signed with HMAC-SHA256, each bound to one conversation and one
 * user, valid for `ttlSeconds`. Web Chat reads the `user` claim to know who it is; the server trusts
 * nothing else in a request. The signing key is derived from DIRECTLINE_SECRET.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export interface TokenClaims {
  /** The conversation the token opens. */
  conv: string;
  /** The user id every activity posted with the token is sent as. */
  user: string;
  iat: number;
  exp: number;
}

type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

const Claims = z.object({
  iss: z.literal('inbound-sales-bot/directline'),
  conv: z.string().min(1).max(128),
  user: z.string().min(1).max(128),
  iat: z.number().int(),
  exp: z.number().int(),
});

const b64 = (data: string | Buffer): string => Buffer.from(data).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export interface TokenService {
  issue(conversationId: string, userId: string): { token: string; expiresIn: number };
  verify(token: string): TokenCheck;
}

export function createTokenService(options: { secret: string; ttlSeconds?: number; now?: () => number }): TokenService {
  const ttl = options.ttlSeconds ?? 1800;
  const now = (): number => Math.floor((options.now ?? Date.now)() / 1000);
  // A derived key: the secret itself is never used to sign, so it can double as a bearer secret.
  const key = createHmac('sha256', options.secret).update('directline-token-signing').digest();
  const sign = (data: string): Buffer => createHmac('sha256', key).update(data).digest();

  return {
    issue(conversationId, userId) {
      const iat = now();
      const payload = b64(
        JSON.stringify({ iss: 'inbound-sales-bot/directline', conv: conversationId, user: userId, iat, exp: iat + ttl }),
      );
      const data = `${HEADER}.${payload}`;
      return { token: `${data}.${b64(sign(data))}`, expiresIn: ttl };
    },
    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'invalid' };
      const expected = sign(`${parts[0]}.${parts[1]}`);
      const given = Buffer.from(parts[2]!, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      let parsed;
      try {
        parsed = Claims.safeParse(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')));
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      if (!parsed.success) return { ok: false, reason: 'invalid' };
      if (parsed.data.exp <= now()) return { ok: false, reason: 'expired' };
      const { conv, user, iat, exp } = parsed.data;
      return { ok: true, claims: { conv, user, iat, exp } };
    },
  };
}
