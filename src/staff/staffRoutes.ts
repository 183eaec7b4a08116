/**
 * The staff side over HTTP: sign-in and sign-out, the page at `/staff`, and the JSON API under
 * `/staff/api` (see staffApiRoutes). Nothing under `/staff` answers without a session or token,
 * except the sign-in page, its form post and its stylesheet.
 *
 * CSRF: the session cookie is SameSite=Strict, and every change made with it must also carry the
 * session's CSRF token in `X-Staff-CSRF` (the page gets it from `GET /staff/api/session`); the
 * sign-in form post is refused when its Origin is another host.
 */
import type restify from 'restify';
import type { Logger } from '../logger.js';
import type { StaffAccounts } from './staffAccounts.js';
import { registerSalesApi, type SalesApiDeps } from './salesApiRoutes.js';
import { registerStaffApi, type StaffApiDeps } from './staffApiRoutes.js';
import {
  authenticate,
  type Guard,
  parse,
  readCookie,
  requireManager,
  secure,
  sendBody,
  sendError,
  SESSION_COOKIE,
  sessionCookie,
  StaffHttpError,
} from './staffHttp.js';
import { createPageFiles, PAGE_CSP } from './staffPage.js';
import { SignInBody } from './staffParams.js';
import { lookupTable } from '../domain/lookupTable.js';
import { HashingBusyError } from './passwords.js';
import type { SignInLimit } from './signInLimit.js';

export interface StaffRoutesDeps {
  /** The staff services, built in the composition root. */
  staff: Omit<StaffApiDeps, 'guard' | 'logger'> & Omit<SalesApiDeps, 'guard'> & { accounts: StaffAccounts; signIns: SignInLimit };
  logger: Logger;
  /** Hours a sign-in lasts (the cookie's lifetime). */
  sessionHours: number;
  /** Send the session cookie with `Secure` (serve over HTTPS). */
  cookieSecure: boolean;
}

const LOGIN_ERRORS = lookupTable<string>({
  invalid: 'That name and password do not match.',
  locked: 'Too many failed attempts. Try again later.',
  signedout: 'You are signed out.',
});

export function registerStaffRoutes(server: restify.Server, deps: StaffRoutesDeps): { accounts: StaffAccounts } {
  const { logger } = deps;
  const { accounts, signIns, ...views } = deps.staff;
  const page = createPageFiles();
  const cookie = (value: string, maxAgeSeconds: number): string =>
    sessionCookie(value, { maxAgeSeconds, secure: deps.cookieSecure });

  const guard: Guard =
    (handler, options = {}) =>
    async (req: restify.Request, res: restify.Response) => {
      try {
        const who = await authenticate(req, accounts);
        if (options.managers) requireManager(who);
        secure(res);
        await handler(req, res, who);
      } catch (error) {
        sendError(res, error, logger);
      }
    };

  const servePage = async (res: restify.Response, name: 'index.html' | 'login.html', error?: string): Promise<void> => {
    const { body, type } = await page.read(name);
    const message = error && LOGIN_ERRORS[error];
    const html = body.toString('utf8').replace('<!--message-->', message ? `<p class="notice" role="alert">${message}</p>` : '');
    sendBody(res, 200, type, html, { 'Content-Security-Policy': PAGE_CSP });
  };

  server.get('/staff', async (req: restify.Request, res: restify.Response) => {
    const session = readCookie(req, SESSION_COOKIE);
    if (!session || !(await accounts.checkSession(session))) {
      sendBody(res, 303, 'text/plain; charset=utf-8', 'sign in at /staff/login', { Location: '/staff/login' });
      return;
    }
    await servePage(res, 'index.html');
  });

  server.get('/staff/login', async (req: restify.Request, res: restify.Response) => {
    await servePage(res, 'login.html', new URLSearchParams(req.getQuery()).get('error') ?? undefined);
  });

  server.get('/staff/assets/:file', async (req: restify.Request, res: restify.Response) => {
    const name = String(req.params.file);
    try {
      if (name !== 'staff.css') await authenticate(req, accounts); // the sign-in page needs the styles
      if (!page.isPageFile(name) || name.endsWith('.html')) {
        secure(res);
        res.send(404, { error: 'not_found' });
        return;
      }
      const { body, type } = await page.read(name);
      sendBody(res, 200, type, body);
    } catch (error) {
      sendError(res, error, logger);
    }
  });

  server.post('/staff/login', async (req: restify.Request, res: restify.Response) => {
    // A JSON post (tools, tests) gets JSON answers; the page's form post gets redirects.
    const json = (req.contentType() ?? '').includes('json');
    const redirect = (location: string): void =>
      sendBody(res, 303, 'text/plain; charset=utf-8', location, { Location: location });
    try {
      const origin = req.headers.origin;
      if (origin && origin !== 'null' && new URL(origin).host !== req.headers.host) {
        throw new StaffHttpError(403, 'origin', 'sign-in from another site refused');
      }
      const address = req.socket.remoteAddress ?? 'unknown';
      if (!(await signIns.take(address))) {
        logger.warn({ address }, 'staff sign-ins from one address throttled');
        if (!json) return redirect('/staff/login?error=locked');
        throw new StaffHttpError(429, 'too_many_sign_ins', 'too many sign-ins from this address; try again in a minute', 60);
      }
      const body = parse(SignInBody, req.body);
      const result = await accounts.signIn(body.name, body.password).catch((error: unknown) => {
        if (error instanceof HashingBusyError) throw new StaffHttpError(503, 'busy', error.message, 1);
        throw error;
      });
      if (!result.ok) {
        if (result.reason === 'locked') {
          logger.warn({ staff: body.name.slice(0, 64) }, 'staff sign-in locked out');
          if (!json) return redirect('/staff/login?error=locked');
          throw new StaffHttpError(429, 'locked', 'too many failed sign-ins; try again later', result.retryAfterSeconds);
        }
        if (!json) return redirect('/staff/login?error=invalid');
        throw new StaffHttpError(401, 'invalid_credentials', 'name and password do not match');
      }
      logger.info({ staff: result.user.name }, 'staff signed in');
      res.header('Set-Cookie', cookie(result.session, Math.round(deps.sessionHours * 3600)));
      if (!json) return redirect('/staff');
      secure(res);
      res.send(200, { name: result.user.name, role: result.user.role, csrf: result.csrf });
    } catch (error) {
      if (json || error instanceof StaffHttpError) sendError(res, error, logger);
      else redirect('/staff/login?error=invalid');
    }
  });

  server.post(
    '/staff/logout',
    guard(async (req, res) => {
      const session = readCookie(req, SESSION_COOKIE);
      if (session) await accounts.signOut(session);
      res.header('Set-Cookie', cookie('', 0));
      res.send(204);
    }),
  );

  const { forecast, plans, objections, home, ...records } = views;
  registerStaffApi(server, { guard, logger, ...records });
  registerSalesApi(server, { guard, forecast, plans, objections, home });
  return { accounts };
}
