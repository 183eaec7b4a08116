/* global document, window, location, FormData, confirm, console, setTimeout, clearTimeout */
// The staff page: plain DOM, no framework. Every text from the server goes through textContent.
import { $, api, chips, dayStart, h, isManager, label, notify, query, state, when } from './dom.js';
import { drawFunnel, redrawFunnel } from './funnelChart.js';
import {
  currentForecastRoute,
  loadForecast,
  loadHome,
  loadObjections,
  redrawForecast,
  setRange,
  watchPlanForm,
} from './salesViews.js';

// ---- conversations -------------------------------------------------------------------------

function conversationFilters() {
  const form = new FormData($('#conversation-filters'));
  return {
    q: form.get('q').trim(),
    outcome: form.get('outcome'),
    channel: form.get('channel').trim(),
    from: dayStart(form.get('from')),
    to: dayStart(form.get('to'), true),
  };
}

async function loadConversations(append = false) {
  const params = { ...conversationFilters(), limit: 25, cursor: append ? state.conversationCursor : '' };
  const page = await api(`conversations?${query(params)}`);
  const list = $('#conversation-list');
  if (!append) list.replaceChildren();
  for (const c of page.items) {
    list.append(
      h(
        'li',
        {},
        h(
          'a',
          { href: `#conversation/${encodeURIComponent(c.id)}`, class: 'card', 'data-id': c.id },
          h(
            'span',
            { class: 'card-title' },
            c.customerName ?? 'Visitor',
            h('span', { class: 'badge' }, c.channelId),
            c.reviewed ? h('span', { class: 'badge ok' }, 'reviewed') : null,
          ),
          h(
            'span',
            { class: 'meta' },
            `${when(c.lastActivityAt)} · ${c.activityCount} activities${c.source ? ` · ${c.source}` : ''}`,
          ),
          chips(c.outcomes),
        ),
      ),
    );
  }
  if (!append && page.items.length === 0) list.append(h('li', { class: 'empty' }, 'No conversations match.'));
  state.conversationCursor = page.next ?? null;
  $('#conversation-more').hidden = !page.next;
}

async function showConversation(id) {
  const pane = $('#conversation-detail');
  $('#view-conversations').classList.add('showing');
  const d = await api(`conversations/${encodeURIComponent(id)}`);
  const c = d.conversation;
  for (const a of document.querySelectorAll('#conversation-list .card')) a.classList.toggle('active', a.dataset.id === id);
  const chat = h(
    'ol',
    { class: 'chat' },
    d.transcript
      .filter((e) => e.text)
      .map((e) =>
        h(
          'li',
          { class: `bubble ${e.direction === 'in' ? 'customer' : 'bot'}${e.failed ? ' failed' : ''}` },
          h('span', { class: 'text' }, e.text),
          h('time', { datetime: e.at }, when(e.at)),
        ),
      ),
  );
  pane.replaceChildren(
    h('a', { href: '#conversations', class: 'back' }, '← Conversations'),
    h('h2', {}, d.customer?.name ?? 'Visitor', ' ', h('span', { class: 'badge' }, c.channelId)),
    h(
      'p',
      { class: 'meta' },
      `Started ${when(c.startedAt)} · last activity ${when(c.lastActivityAt)}`,
      c.source ? ` · source ${c.source}${c.campaign ? ` / ${c.campaign}` : ''}` : '',
      d.customer ? ' · ' : '',
      d.customer ? h('a', { href: `#customer/${encodeURIComponent(d.customer.id)}` }, 'customer record') : '',
    ),
    chips(c.outcomes),
    c.unanswered.length ? h('p', { class: 'not-answered' }, 'Not answered: ', c.unanswered.join(' · ')) : '',
    chat,
    d.callbacks.length
      ? h(
          'p',
          { class: 'meta' },
          d.callbacks
            .map((cb) => `Callback ${cb.ref}: ${label(cb.status)}${cb.outcome ? ` (${label(cb.outcome)})` : ''}`)
            .join(' · '),
        )
      : '',
    reviewForm(c),
  );
  pane.scrollTop = 0;
}

function reviewForm(c) {
  const disabled = !isManager();
  const form = h(
    'form',
    { class: 'review' },
    h('label', {}, 'Tags ', h('input', { name: 'tags', value: c.tags.join(', '), disabled, placeholder: 'comma separated' })),
    h(
      'label',
      {},
      'Rating ',
      h(
        'select',
        { name: 'rating', disabled },
        h('option', { value: '' }, '—'),
        [1, 2, 3, 4, 5].map((n) => h('option', { value: n, selected: c.rating === n }, '★'.repeat(n))),
      ),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'reviewed', checked: c.reviewed, disabled }),
      ' Reviewed',
    ),
    h('label', { class: 'full' }, 'Note ', h('textarea', { name: 'note', rows: 2, disabled }, c.note ?? '')),
    isManager()
      ? h('button', { type: 'submit', class: 'primary' }, 'Save review')
      : h('p', { class: 'hint' }, 'Viewers cannot change reviews.'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    await api(`conversations/${encodeURIComponent(c.id)}`, {
      method: 'PATCH',
      body: {
        tags: data
          .get('tags')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        rating: data.get('rating') ? Number(data.get('rating')) : null,
        reviewed: data.get('reviewed') === 'on',
        note: data.get('note').trim() || null,
      },
    });
    notify('Review saved.');
    await loadConversations();
  });
  return form;
}

// ---- callbacks -------------------------------------------------------------------------------

const CALLBACK_ACTIONS = [
  ['Reached', { outcome: 'reached' }],
  ['Order placed', { outcome: 'order_placed' }],
  ['Follow up', { outcome: 'follow_up' }],
  ['Not interested', { outcome: 'not_interested' }],
  ['No answer', { status: 'no_answer' }],
  ['Cancel', { status: 'cancelled' }],
];

async function loadCallbacks(append = false) {
  const status = $('#callback-status').value;
  const page = await api(`callbacks?${query({ status, limit: 25, cursor: append ? state.callbackCursor : '' })}`);
  const list = $('#callback-list');
  if (!append) list.replaceChildren();
  for (const cb of page.items) {
    const actions =
      isManager() && cb.status === 'open'
        ? h(
            'div',
            { class: 'actions' },
            CALLBACK_ACTIONS.map(([text, patch]) =>
              h('button', { type: 'button', onclick: () => updateCallback(cb, patch, text) }, text),
            ),
          )
        : null;
    list.append(
      h(
        'li',
        { class: `card${cb.overdue ? ' overdue' : ''}`, 'data-ref': cb.ref },
        h(
          'span',
          { class: 'card-title' },
          cb.name,
          h('span', { class: 'badge' }, cb.ref),
          cb.overdue ? h('span', { class: 'badge warn' }, 'overdue') : null,
          cb.duplicateIds.length ? h('span', { class: 'badge' }, `booked ${cb.duplicateIds.length + 1}×`) : null,
          cb.status !== 'open' ? h('span', { class: 'badge ok' }, label(cb.outcome ?? cb.status)) : null,
        ),
        h(
          'span',
          { class: 'meta' },
          cb.asap ? 'As soon as possible' : `Due ${when(cb.dueAt)}`,
          ' · ',
          isManager() ? h('a', { href: `tel:${cb.phone}` }, cb.phone) : cb.phone,
          ` · ${cb.channelId}`,
        ),
        h('span', {}, cb.topic),
        cb.conversationId
          ? h('a', { href: `#conversation/${encodeURIComponent(cb.conversationId)}`, class: 'meta' }, 'Read the conversation')
          : null,
        actions,
      ),
    );
  }
  if (!append && page.items.length === 0) list.append(h('li', { class: 'empty' }, 'Nothing in this queue.'));
  state.callbackCursor = page.next ?? null;
  $('#callback-more').hidden = !page.next;
}

async function updateCallback(cb, patch, text) {
  // Duplicate bookings of the same slot are one call: the outcome goes to all of them.
  for (const id of [cb.id, ...cb.duplicateIds])
    await api(`callbacks/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
  notify(`${cb.name}: ${text.toLowerCase()}.`);
  await loadCallbacks();
}

// ---- customers -------------------------------------------------------------------------------

async function loadCustomers(append = false) {
  const q = new FormData($('#customer-filters')).get('q').trim();
  const page = await api(`customers?${query({ q, limit: 25, cursor: append ? state.customerCursor : '' })}`);
  const list = $('#customer-list');
  if (!append) list.replaceChildren();
  for (const c of page.items) {
    list.append(
      h(
        'li',
        {},
        h(
          'a',
          { href: `#customer/${encodeURIComponent(c.id)}`, class: 'card', 'data-id': c.id },
          h('span', { class: 'card-title' }, c.name ?? '(no name)'),
          h('span', { class: 'meta' }, [...c.phones, ...c.emails].join(' · ') || 'no contact details'),
        ),
      ),
    );
  }
  if (!append && page.items.length === 0) list.append(h('li', { class: 'empty' }, 'No customers match.'));
  state.customerCursor = page.next ?? null;
  $('#customer-more').hidden = !page.next;
}

async function showCustomer(id) {
  $('#view-customers').classList.add('showing');
  const d = await api(`customers/${encodeURIComponent(id)}`);
  const c = d.customer;
  const section = (title, items, render) =>
    h(
      'section',
      {},
      h('h3', {}, `${title} (${items.length})`),
      items.length
        ? h(
            'ul',
            { class: 'plain' },
            items.map((i) => h('li', {}, render(i))),
          )
        : h('p', { class: 'hint' }, 'None.'),
    );
  const erase = async () => {
    if (!confirm(`Erase ${c.name ?? c.id} and everything held about them? This cannot be undone.`)) return;
    const { erased } = await api(`customers/${encodeURIComponent(id)}`, { method: 'DELETE' });
    notify(
      `Erased: ${Object.entries(erased)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}.`,
    );
    location.hash = '#customers';
    await loadCustomers();
  };
  $('#customer-detail').replaceChildren(
    h('a', { href: '#customers', class: 'back' }, '← Customers'),
    h('h2', {}, c.name ?? '(no name)'),
    h('p', {}, [...c.phones, ...c.emails].join(' · ') || 'No contact details.'),
    h(
      'p',
      { class: 'meta' },
      c.consent ? `Consent given ${when(c.consent.at)} on ${c.consent.channelId}: “${c.consent.text}”` : 'No consent recorded.',
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'a',
        { class: 'button', href: `/staff/api/customers/${encodeURIComponent(id)}/export`, download: true },
        'Export everything (JSON)',
      ),
      isManager() ? h('button', { type: 'button', class: 'danger', onclick: erase }, 'Erase customer') : null,
    ),
    section('Conversations', d.conversations, (x) =>
      h('a', { href: `#conversation/${encodeURIComponent(x.id)}` }, `${when(x.lastActivityAt)} · ${x.channelId}`),
    ),
    section(
      'Leads',
      d.leads,
      (l) => `${label(l.stage)} · ${l.need ?? l.productInterest.join(', ') ?? ''}${l.source ? ` · ${l.source}` : ''}`,
    ),
    section(
      'Callbacks',
      d.callbacks,
      (cb) => `${cb.ref} · ${when(cb.dueAt)} · ${label(cb.status)}${cb.outcome ? ` (${label(cb.outcome)})` : ''}`,
    ),
    section(
      'Order requests',
      d.orders,
      (o) => `${o.ref} · ${o.items.map((i) => `${i.quantity} × ${i.product}`).join(', ')} · for ${o.neededOn} · ${o.status}`,
    ),
  );
}

// ---- funnel ----------------------------------------------------------------------------------

const STAGE_LABELS = {
  conversations: 'Conversations',
  engaged: 'Engaged',
  questionsAnswered: 'Questions answered',
  adviceRequested: 'Advice requested',
  qualified: 'Qualified',
  callbackBooked: 'Callback booked',
  reached: 'Reached',
  won: 'Won',
};
const percent = (rate) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function segmentTable(table, heads, rows) {
  table.replaceChildren(
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        heads.map((x, i) => h('th', { scope: 'col', class: i ? 'n' : '' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length
        ? rows.map((r) =>
            h(
              'tr',
              {},
              r.map((x, i) => h(i ? 'td' : 'th', { class: i ? 'n' : '', scope: i ? undefined : 'row' }, String(x))),
            ),
          )
        : h('tr', {}, h('td', { colspan: heads.length, class: 'hint' }, 'No data.')),
    ),
  );
}

async function loadFunnel() {
  const form = new FormData($('#funnel-range'));
  const report = await api(`funnel?${query({ from: dayStart(form.get('from')), to: dayStart(form.get('to'), true) })}`);
  const counts = report.overall.counts;
  drawFunnel(
    $('#funnel-chart'),
    Object.keys(STAGE_LABELS).map((stage) => ({ stage, label: STAGE_LABELS[stage], count: counts[stage] })),
  );
  $('#conversion').textContent = `conversion ${percent(report.overall.conversion)} (won ÷ qualified)`;
  const row = (name, s) => [name, s.counts.conversations, s.counts.qualified, s.counts.won, percent(s.conversion)];
  const heads = (first) => [first, 'Chats', 'Qualified', 'Won', 'Rate'];
  segmentTable(
    $('#by-channel'),
    heads('Channel'),
    report.byChannel.map((s) => row(s.channel, s)),
  );
  segmentTable(
    $('#by-source'),
    heads('Source / campaign'),
    report.bySource.map((s) => row(`${s.source} / ${s.campaign}`, s)),
  );
  const gaps = $('#gaps');
  gaps.replaceChildren(
    ...report.knowledgeGaps.map((g) => h('li', {}, h('span', {}, g.example), h('span', { class: 'count' }, `× ${g.count}`))),
  );
  if (report.knowledgeGaps.length === 0) gaps.append(h('li', { class: 'hint' }, 'None in this period.'));
}

// ---- navigation ------------------------------------------------------------------------------

async function route() {
  const [view, id] = (location.hash.slice(1) || 'home').split('/');
  const name = { conversation: 'conversations', customer: 'customers' }[view] ?? view;
  const views = ['home', 'conversations', 'callbacks', 'customers', 'funnel', 'forecast', 'objections'];
  if (!views.includes(name)) return void (location.hash = '#home');
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${name}`;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('current', link.dataset.view === name);
  const loaded = (route.loaded ??= new Set());
  try {
    const loaders = {
      home: loadHome,
      conversations: loadConversations,
      callbacks: loadCallbacks,
      customers: loadCustomers,
      funnel: loadFunnel,
      forecast: () => loadForecast(currentForecastRoute()),
      objections: loadObjections,
    };
    // Lists keep their place when revisited; reports are read again.
    if (!loaded.has(name) || !['conversations', 'customers'].includes(name)) {
      loaded.add(name);
      await loaders[name]();
    }
    if (view === 'conversation' && id) await showConversation(decodeURIComponent(id));
    else if (view === 'conversations') $('#view-conversations').classList.remove('showing');
    if (view === 'customer' && id) await showCustomer(decodeURIComponent(id));
    else if (view === 'customers') $('#view-customers').classList.remove('showing');
  } catch (error) {
    console.error(error);
  }
}

async function start() {
  state.session = await api('session');
  $('#who').textContent = `${state.session.name} (${state.session.role})`;
  document.body.classList.toggle('viewer', !isManager());
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86_400_000);
  const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  setRange($('#funnel-range'), day(monthAgo), day(today));
  setRange($('#objections-range'), day(monthAgo), day(today));

  const submit = (selector, load) =>
    $(selector).addEventListener('submit', (e) => {
      e.preventDefault();
      load().catch(console.error);
    });
  submit('#conversation-filters', () => loadConversations());
  submit('#customer-filters', () => loadCustomers());
  submit('#funnel-range', () => loadFunnel());
  submit('#objections-range', () => loadObjections());
  submit('#forecast-options', () => loadForecast());
  watchPlanForm(() => loadForecast());
  $('#callback-status').addEventListener('change', () => loadCallbacks().catch(console.error));
  $('#conversation-more').addEventListener('click', () => loadConversations(true).catch(console.error));
  $('#customer-more').addEventListener('click', () => loadCustomers(true).catch(console.error));
  $('#callback-more').addEventListener('click', () => loadCallbacks(true).catch(console.error));
  $('#signout').addEventListener('click', async () => {
    await api('../logout', { method: 'POST' }).catch(() => undefined);
    location.href = '/staff/login?error=signedout';
  });
  window.addEventListener('hashchange', route);
  let resizing;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      redrawFunnel($('#funnel-chart'));
      redrawForecast();
    }, 150);
  });
  await route();
}

start().catch((error) => console.error(error));
