/* global document, location, fetch, URLSearchParams, setTimeout, clearTimeout */
// Helpers of the staff page: element building, notices, the API client and formatting.

export const state = { session: null, conversationCursor: null, customerCursor: null, callbackCursor: null };
export const $ = (selector) => document.querySelector(selector);

/** Creates an element: h('a', { href: '#x', class: 'y' }, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null && child !== false) node.append(child);
  return node;
}

export function notify(message, kind = 'info') {
  const status = $('#status');
  status.textContent = message;
  status.className = `status ${kind}`;
  status.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => (status.hidden = true), 4000);
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  if (method !== 'GET') headers['X-Staff-CSRF'] = state.session?.csrf ?? '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/staff/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    location.href = '/staff/login';
    throw new Error('signed out');
  }
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) {
    const message = data?.issues?.join('; ') || data?.message || `failed (${res.status})`;
    notify(message, 'error');
    throw new Error(message);
  }
  return data;
}

export const isManager = () => state.session?.role === 'manager';
/** Dates and times as the business reads them: its locale and time zone (from the session). */
const business = () => state.session?.business ?? {};
export const when = (iso) =>
  new Date(iso).toLocaleString(business().locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: business().timeZone });
/** A local day (YYYY-MM-DD) in the business's locale, e.g. "18 Nov". */
export const dayLabel = (day) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(business().locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
export const label = (value) => value.replaceAll('_', ' ');
export const query = (params) => {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) q.set(key, value);
  return q.toString();
};
/** A date input (local day) as the ISO instant its day starts at; `next` gives the following day. */
export function dayStart(value, next = false) {
  if (!value) return '';
  const date = new Date(`${value}T00:00`);
  if (next) date.setDate(date.getDate() + 1);
  return date.toISOString();
}
export const chips = (values) =>
  h(
    'span',
    { class: 'chips' },
    values.map((v) => h('span', { class: `chip chip-${v}` }, label(v))),
  );
