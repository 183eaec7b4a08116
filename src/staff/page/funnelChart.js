/* global document */
// Draws the funnel as an SVG bar chart: one row per stage, the bar's length proportional to the
// number of conversations that reached it, with the count and the share of all conversations.
const SVG = 'http://www.w3.org/2000/svg';
const ROW = 40;
const drawn = new WeakMap();

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {HTMLElement} container
 * @param {{ stage: string, label: string, count: number }[]} stages
 */
export function drawFunnel(container, stages) {
  drawn.set(container, stages);
  // The drawing is as wide as its container (within limits), so text keeps its size on any screen.
  const WIDTH = Math.max(260, Math.min(560, container.clientWidth || 400));
  const max = Math.max(1, ...stages.map((s) => s.count));
  const total = stages[0]?.count ?? 0;
  const svg = el('svg', {
    viewBox: `0 0 ${WIDTH} ${stages.length * ROW + 4}`,
    role: 'img',
    'aria-label': 'Sales funnel: ' + stages.map((s) => `${s.label} ${s.count}`).join(', '),
    class: 'funnel-svg',
  });
  stages.forEach((s, i) => {
    const y = i * ROW;
    const width = Math.max(2, Math.round((s.count / max) * (WIDTH - 4)));
    const share = total > 0 ? ` · ${Math.round((s.count / total) * 100)}%` : '';
    const g = el('g', { 'data-stage': s.stage });
    g.append(
      el('text', { x: 2, y: y + 13, class: 'funnel-label' }, s.label),
      el('text', { x: WIDTH - 2, y: y + 13, 'text-anchor': 'end', class: 'funnel-count' }, `${s.count}${share}`),
      el('rect', { x: 2, y: y + 18, width, height: 16, rx: 4, class: `funnel-bar${s.stage === 'won' ? ' won' : ''}` }),
    );
    svg.append(g);
  });
  container.replaceChildren(svg);
}

/** Draws the last stages again, e.g. after the window was resized. */
export function redrawFunnel(container) {
  const stages = drawn.get(container);
  if (stages) drawFunnel(container, stages);
}
