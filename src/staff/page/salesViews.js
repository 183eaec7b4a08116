/* global FormData, location, queueMicrotask */
// The sales views of the staff page: home (what needs attention), forecast against actual per
// channel or source (uPlot charts, served from node_modules), the monthly plan, and objections.
import uPlot from './uPlot.esm.js';
import { $, api, h, isManager, label, notify, query, dayStart, when, dayLabel } from './dom.js';

const METRIC = { conversations: 'enquiries', won: 'won sales' };
const charts = new Map();
const round1 = (v) => (v === null || v === undefined ? '—' : String(Math.round(v * 10) / 10));

// ---- home ------------------------------------------------------------------------------------

export async function loadHome() {
  const home = await api('home');
  const deviations = $('#home-deviations');
  deviations.replaceChildren(
    ...home.deviations.map((d) =>
      h(
        'li',
        { class: `flag ${d.ongoing ? 'ongoing' : ''}`, 'data-key': `${d.dimension}:${d.key}:${d.metric}` },
        h('a', { href: `#forecast/${encodeURIComponent(d.dimension)}/${encodeURIComponent(d.metric)}` }, `${d.key}`),
        ` · ${METRIC[d.metric]} ${d.direction} the forecast ${d.days} days running (${dayLabel(d.from)} – ${dayLabel(d.to)})`,
        d.ongoing ? h('span', { class: 'badge warn' }, 'still out') : null,
      ),
    ),
  );
  if (home.deviations.length === 0) deviations.append(h('li', { class: 'hint' }, 'Actual is within the forecast everywhere.'));
  $('#home-grace').textContent = `Open callbacks more than ${home.callbackGraceMinutes} minutes past their time.`;
  const late = $('#home-late');
  late.replaceChildren(
    ...home.lateCallbacks.map((c) =>
      h(
        'li',
        { class: 'flag ongoing', 'data-ref': c.ref },
        h('a', { href: '#callbacks' }, c.name),
        ` · ${c.ref} · due ${when(c.dueAt)} · ${Math.round(c.minutesLate / 60)} h late`,
      ),
    ),
  );
  if (home.lateCallbacks.length === 0) late.append(h('li', { class: 'hint' }, 'Every callback was reached in time.'));
  const sources = $('#home-sources');
  const flagged = home.sourceTrends.filter((t) => t.flagged);
  const pct = (r) => (r === null ? '—' : `${Math.round(r * 100)}%`);
  sources.replaceChildren(
    ...flagged.map((t) =>
      h(
        'li',
        { class: 'flag ongoing', 'data-source': t.source },
        h('strong', {}, t.source),
        ` · enquiries ${t.enquiries.previous} → ${t.enquiries.recent}, conversion ${pct(t.conversion.previous)} → ${pct(t.conversion.recent)}`,
        h('span', { class: 'meta' }, ` (${t.campaigns.join(', ')})`),
      ),
    ),
  );
  if (flagged.length === 0) sources.append(h('li', { class: 'hint' }, 'No source brings more enquiries that convert worse.'));
}

// ---- forecast --------------------------------------------------------------------------------

function options() {
  const form = new FormData($('#forecast-options'));
  return { dimension: form.get('dimension'), metric: form.get('metric'), days: form.get('days') };
}

export async function loadForecast(route) {
  if (route?.dimension) $('#forecast-options').elements.dimension.value = route.dimension;
  if (route?.metric) $('#forecast-options').elements.metric.value = route.metric;
  const { dimension, metric, days } = options();
  $('#forecast-csv').href = `/staff/api/forecast?${query({ format: 'csv', days })}`;
  const report = await api(`forecast?${query({ days })}`);
  const series = report.series.filter((s) => s.dimension === dimension && s.metric === metric);
  $('#forecast-summary').textContent = report.lastDay
    ? `Forecast made on ${dayLabel(report.from)} from the history before it, ${report.days} days, 80 % interval; actual up to ${dayLabel(report.lastDay)} (${report.timeZone}).`
    : 'No closed day yet: the forecast starts once a day of conversations has closed.';
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  const box = $('#forecast-charts');
  box.replaceChildren();
  for (const s of series) box.append(seriesFigure(s));
  if (series.length === 0) box.append(h('p', { class: 'empty' }, 'Nothing to forecast yet.'));
  const plan = $('#plan-form');
  plan.hidden = !isManager();
  if (!plan.elements.month.value) plan.elements.month.value = report.from.slice(0, 7);
}

function seriesFigure(s) {
  const chartBox = h('div', { class: 'chart' });
  const model = s.mase
    ? `${s.model} · back-test MASE ${s.mase.model.toFixed(2)} (seasonal-naive ${s.mase.seasonalNaive.toFixed(2)})`
    : s.model;
  const figure = h(
    'figure',
    { class: 'panel forecast', 'data-key': s.key },
    h(
      'figcaption',
      {},
      h('span', {}, h('strong', {}, s.key), ` · ${METRIC[s.metric]}`),
      s.deviations.length ? h('span', { class: 'badge warn' }, 'deviation') : null,
    ),
    h('p', { class: 'meta' }, model),
    s.note ? h('p', { class: 'notice' }, s.note) : null,
    chartBox,
    ...s.deviations.map((d) =>
      h(
        'p',
        { class: 'deviation' },
        `Actual ${d.direction} the interval ${dayLabel(d.from)} – ${dayLabel(d.to)} (${d.days} days).`,
      ),
    ),
  );
  // Drawn once the figure is in the page, so it knows its width.
  queueMicrotask(() => draw(chartBox, s));
  return figure;
}

function draw(box, s) {
  const x = s.points.map((p) => Date.parse(`${p.day}T12:00:00Z`) / 1000);
  const hasPlan = s.points.some((p) => p.plan !== null);
  const data = [
    x,
    s.points.map((p) => p.actual),
    s.points.map((p) => p.forecast),
    s.points.map((p) => p.lo),
    s.points.map((p) => p.hi),
    ...(hasPlan ? [s.points.map((p) => p.plan)] : []),
  ];
  const chart = new uPlot(
    {
      width: Math.max(280, box.clientWidth || 600),
      height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
      scales: { x: { time: true } },
      legend: { live: false },
      series: [
        {},
        { label: 'Actual', stroke: '#1c2330', width: 2, points: { show: true, size: 5 } },
        { label: 'Forecast', stroke: '#2458c6', width: 2, dash: [6, 4] },
        { label: '80 % low', stroke: 'rgba(36,88,198,0.35)', width: 1 },
        { label: '80 % high', stroke: 'rgba(36,88,198,0.35)', width: 1 },
        ...(hasPlan ? [{ label: 'Plan', stroke: '#1f7a4d', width: 2, dash: [2, 3] }] : []),
      ],
      bands: [{ series: [4, 3], fill: 'rgba(36,88,198,0.12)' }],
      axes: [
        { values: (_u, splits) => splits.map((ts) => dayLabel(new Date(ts * 1000).toISOString().slice(0, 10))) },
        { size: 40 },
      ],
    },
    data,
    box,
  );
  charts.set(s.key, chart);
  box.setAttribute('role', 'img');
  const last = s.points.filter((p) => p.actual !== null).at(-1);
  box.setAttribute(
    'aria-label',
    `${s.key} ${METRIC[s.metric]}: forecast ${round1(s.points[0]?.forecast)} to ${round1(s.points.at(-1)?.forecast)} a day` +
      (last ? `, last actual ${last.actual} on ${last.day}` : ''),
  );
}

export function redrawForecast() {
  for (const chart of charts.values()) {
    const box = chart.root.parentElement;
    if (box) chart.setSize({ width: Math.max(280, box.clientWidth), height: 220 });
  }
}

export function watchPlanForm(reload) {
  $('#plan-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData($('#plan-form'));
    const figure = (name) => (form.get(name) === '' ? null : Number(form.get(name)));
    await api('plans', {
      method: 'PUT',
      body: {
        month: form.get('month'),
        channel: form.get('channel').trim(),
        conversations: figure('conversations'),
        won: figure('won'),
      },
    });
    notify('Plan saved.');
    await reload();
  });
}

// ---- objections ------------------------------------------------------------------------------

const KIND = {
  price: 'Price',
  area_not_served: 'Delivery area not served',
  notice_too_short: 'Notice too short',
  dietary_need: 'Dietary need not met',
  out_of_hours: 'Out of hours',
  wanted_person: 'Wanted a person',
  no_answer: 'No answer in the knowledge',
};

function table(el, heads, rows) {
  el.replaceChildren(
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        heads.map((x, i) => h('th', { scope: 'col', class: i && i < 3 ? 'n' : '' }, x)),
      ),
    ),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: heads.length, class: 'hint' }, 'None in this period.'))),
  );
}

export async function loadObjections() {
  const form = new FormData($('#objections-range'));
  const report = await api(`objections?${query({ from: dayStart(form.get('from')), to: dayStart(form.get('to'), true) })}`);
  table(
    $('#objection-kinds'),
    ['Objection', 'Count', 'Lost value', 'Examples'],
    report.byKind.map((k) =>
      h(
        'tr',
        { 'data-kind': k.kind },
        h('th', { scope: 'row' }, KIND[k.kind] ?? label(k.kind)),
        h('td', { class: 'n' }, String(k.count)),
        h('td', { class: 'n' }, k.lostValue ? String(k.lostValue) : '—'),
        h(
          'td',
          { class: 'examples' },
          k.examples.map((e) =>
            h(
              'a',
              { href: `#conversation/${encodeURIComponent(e.conversationId)}`, class: 'example' },
              `“${e.evidence}” — ${e.product}, ${e.channel}`,
            ),
          ),
        ),
      ),
    ),
  );
  table(
    $('#objection-segments'),
    ['Product · channel', 'Count', 'Lost value', 'Objection'],
    report.bySegment
      .slice(0, 30)
      .map((s) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `${s.product} · ${s.channel}`),
          h('td', { class: 'n' }, String(s.count)),
          h('td', { class: 'n' }, s.lostValue ? String(s.lostValue) : '—'),
          h('td', {}, KIND[s.kind] ?? label(s.kind)),
        ),
      ),
  );
}

export const currentForecastRoute = () => {
  const [, dimension, metric] = location.hash.slice(1).split('/');
  return dimension ? { dimension: decodeURIComponent(dimension), metric: metric && decodeURIComponent(metric) } : undefined;
};
export const setRange = (form, from, to) => {
  form.elements.from.value = from;
  form.elements.to.value = to;
};
