import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seed, startStaffBot, type StaffBot } from './staffSupport.js';

const PROTECTED: [method: string, path: string][] = [
  ['GET', '/staff/api/session'],
  ['GET', '/staff/api/conversations'],
  ['GET', '/staff/api/conversations/conv-anna'],
  ['PATCH', '/staff/api/conversations/conv-anna'],
  ['GET', '/staff/api/customers'],
  ['GET', '/staff/api/customers/cust-anna'],
  ['GET', '/staff/api/customers/cust-anna/export'],
  ['DELETE', '/staff/api/customers/cust-anna'],
  ['GET', '/staff/api/callbacks'],
  ['PATCH', '/staff/api/callbacks/cb-anna'],
  ['GET', '/staff/api/funnel'],
  ['GET', '/staff/api/export/customers.csv'],
  ['GET', '/staff/api/export/callbacks.csv'],
  ['GET', '/staff/assets/staff.js'],
  ['POST', '/staff/logout'],
];

describe('staff sign-in and credentials', () => {
  let s: StaffBot;
  beforeAll(async () => {
    s = await startStaffBot({ STAFF_LOCKOUT_ATTEMPTS: '3', STAFF_LOCKOUT_MINUTES: '5' });
    await seed(s.stores);
  });
  afterAll(() => s.stop());

  it('when no credentials are sent, then every staff API route answers 401 and leaks nothing', async () => {
    for (const [method, path] of PROTECTED) {
      const res = await s.call(path, {}, { method, ...(method === 'PATCH' ? { body: { reviewed: true } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
      const text = await res.text();
      expect(text, path).not.toMatch(/Anna|anna|\+614/);
    }
    expect(await s.stores.customers.get('cust-anna')).toBeDefined();
  });

  it('when the credentials are wrong, then the API answers 401', async () => {
    for (const as of [{ token: 'stf_nope' }, { cookie: 'staff_session=forged' }]) {
      expect((await s.call('/staff/api/conversations', as)).status).toBe(401);
    }
    const malformed = await fetch(`${s.url}/staff/api/conversations`, { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });

  it('when the page is opened without a session, then it redirects to the sign-in page, which answers', async () => {
    const res = await s.call('/staff');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/login');
    const login = await s.call('/staff/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<form');
    expect((await s.call('/staff/assets/staff.css')).status).toBe(200);
    expect((await s.call('/staff/assets/login.html', s.manager)).status).toBe(404);
  });

  it('when signed in, then the page, its scripts and the session answer, with a CSP and no caching', async () => {
    const page = await s.call('/staff', s.manager);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await s.call('/staff/assets/staff.js', s.manager)).headers.get('content-type')).toContain('javascript');
    const session = await (await s.call('/staff/api/session', s.viewer)).json();
    expect(session).toMatchObject({ name: 'vera', role: 'viewer', via: 'session', csrf: s.viewer.csrf });
    const token = await (await s.call('/staff/api/session', s.viewerToken)).json();
    expect(token).toEqual({
      name: 'dashboard',
      role: 'viewer',
      via: 'token',
      business: { locale: 'en-AU', timeZone: 'Australia/Sydney' },
    });
  });

  it('when the sign-in form is posted, then it sets an HttpOnly, SameSite=Strict cookie for /staff and redirects', async () => {
    const res = await fetch(`${s.url}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Manny', password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^staff_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/staff; Max-Age=43200$/);
  });

  it('when the form has the wrong password, then it redirects back with an error and no cookie', async () => {
    const res = await fetch(`${s.url}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=vera&password=wrong',
      redirect: 'manual',
    });
    expect(res.headers.get('location')).toBe('/staff/login?error=invalid');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await (await s.call('/staff/login?error=invalid')).text()).toContain('do not match');
  });

  it('when a name fails too often, then it is locked even for the right password, and other names are not', async () => {
    for (let i = 0; i < 2; i++) expect((await s.signIn('manny', 'wrong password')).status).toBe(401);
    const third = await s.signIn('manny', 'wrong password');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(200);
    expect((await s.signIn('manny', PASSWORD)).status).toBe(429);
    expect((await s.signIn('vera', PASSWORD)).status).toBe(200);
  });

  it('when sign-in parameters are missing, then it answers 400 with the issues', async () => {
    const res = await fetch(`${s.url}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"vera"}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: string[] }).issues).toEqual([expect.stringMatching(/^password:/)]);
  });

  it('when sign-in comes from another origin, then it is refused', async () => {
    const res = await fetch(`${s.url}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'vera', password: PASSWORD }),
    });
    expect(res.status).toBe(403);
  });

  it('when a change is sent with the cookie but without the CSRF header, then it answers 403', async () => {
    const noCsrf = { cookie: s.manager.cookie };
    const res = await s.call('/staff/api/conversations/conv-anna', noCsrf, { method: 'PATCH', body: { reviewed: true } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('csrf');
    const wrong = await s.call(
      '/staff/api/conversations/conv-anna',
      { ...noCsrf, csrf: 'x'.repeat(32) },
      { method: 'PATCH', body: { reviewed: true } },
    );
    expect(wrong.status).toBe(403);
    expect((await s.stores.conversations.get('conv-anna'))?.reviewed).toBe(false);
  });

  it('when a viewer (session or token) tries to change or erase, then it answers 403 and nothing changes', async () => {
    for (const as of [s.viewer, s.viewerToken]) {
      const patches: [string, string, unknown][] = [
        ['PATCH', '/staff/api/conversations/conv-anna', { reviewed: true }],
        ['PATCH', '/staff/api/callbacks/cb-anna', { status: 'done', outcome: 'order_placed' }],
        ['DELETE', '/staff/api/customers/cust-anna', undefined],
      ];
      for (const [method, path, body] of patches) {
        expect((await s.call(path, as, { method, body })).status, `${method} ${path}`).toBe(403);
      }
    }
    expect((await s.stores.callbacks.get('cb-anna'))?.status).toBe('open');
    expect(await s.stores.customers.get('cust-anna')).toBeDefined();
  });

  it('when signed out, then the session no longer works', async () => {
    const res = await s.signIn('vera', PASSWORD);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf } = (await res.json()) as { csrf: string };
    const out = await s.call('/staff/logout', { cookie, csrf }, { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await s.call('/staff/api/session', { cookie })).status).toBe(401);
  });
});

describe('staff cookie settings', () => {
  it('when STAFF_COOKIE_SECURE is on, then the session cookie is Secure', async () => {
    const s = await startStaffBot({ STAFF_COOKIE_SECURE: 'true', STAFF_SESSION_HOURS: '2' });
    try {
      const res = await s.signIn('vera', PASSWORD);
      expect(res.headers.get('set-cookie')).toMatch(/Max-Age=7200; Secure$/);
    } finally {
      await s.stop();
    }
  });
});
