/**
 * Compares two V8 heap snapshots of one process (bench/memory.ts with BENCH_HEAP_SNAPSHOT):
 * `npx tsx bench/heapDiff.ts start.heapsnapshot end.heapsnapshot [top]` (`-` for the first: what the
 * second holds). Prints the objects
 * grouped by constructor (or node type) with count and self size in each and the growth, largest
 * first, then — for the groups that grew most — how the objects new in the second snapshot (ids
 * not in the first; ids are stable within one process) are held: their most common retainer paths.
 * The snapshot is read without JSON.parse of the whole file (a large heap's snapshot exceeds the
 * longest string V8 makes).
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  nodeFieldCount: number;
  edgeFieldCount: number;
  nodeTypes: string[];
  edgeTypes: string[];
  nodes: Float64Array;
  edges: Uint32Array;
  strings: string[];
  /** Per node, the index of its first edge (in edge records). */
  firstEdge: Uint32Array;
  nodeCount: number;
  f: { type: number; name: number; id: number; selfSize: number; edgeCount: number };
  e: { type: number; name: number; to: number };
}

/** The numbers of the JSON array starting at `from` (its `[`); returns them and where it ended. */
function numbers(buf: Buffer, from: number): { values: Float64Array; end: number } {
  let end = buf.indexOf(0x5d, from);
  let count = 0;
  for (let i = from + 1; i < end; i++) if (buf[i] === 0x2c) count++;
  const values = new Float64Array(end > from + 1 ? count + 1 : 0);
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (let i = from + 1; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      inNumber = true;
    } else if (inNumber) {
      values[n++] = value;
      value = 0;
      inNumber = false;
    }
  }
  if (inNumber) values[n++] = value;
  end++;
  return { values: n === values.length ? values : values.subarray(0, n), end };
}

function readSnapshot(file: string): Snapshot {
  const buf = readFileSync(file);
  const nodesAt = buf.indexOf('"nodes":[');
  const head = buf.toString('utf8', 0, nodesAt).replace(/,\s*$/, '') + '}';
  const meta = (JSON.parse(head) as { snapshot: { meta: Record<string, unknown> } }).snapshot.meta as {
    node_fields: string[];
    node_types: [string[], ...unknown[]];
    edge_fields: string[];
    edge_types: [string[], ...unknown[]];
  };
  const nodes = numbers(buf, nodesAt + '"nodes":'.length);
  const edgesAt = buf.indexOf('"edges":[', nodes.end);
  const edges = numbers(buf, edgesAt + '"edges":'.length);
  const stringsAt = buf.indexOf('"strings":[', edges.end);
  // The strings array: parsed piecewise so no single string is too long.
  const strings: string[] = [];
  let i = stringsAt + '"strings":['.length;
  while (true) {
    while (buf[i] === 0x0a || buf[i] === 0x2c || buf[i] === 0x20 || buf[i] === 0x0d) i++;
    if (buf[i] === 0x5d) break;
    // A JSON string: find its closing quote (not escaped).
    let j = i + 1;
    while (buf[j] !== 0x22) j += buf[j] === 0x5c ? 2 : 1;
    strings.push(JSON.parse(buf.toString('utf8', i, j + 1)) as string);
    i = j + 1;
  }
  const nf = meta.node_fields;
  const ef = meta.edge_fields;
  const f = {
    type: nf.indexOf('type'),
    name: nf.indexOf('name'),
    id: nf.indexOf('id'),
    selfSize: nf.indexOf('self_size'),
    edgeCount: nf.indexOf('edge_count'),
  };
  const e = { type: ef.indexOf('type'), name: ef.indexOf('name_or_index'), to: ef.indexOf('to_node') };
  const nodeCount = nodes.values.length / nf.length;
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0, edge = 0; n < nodeCount; n++) {
    firstEdge[n] = edge;
    edge += nodes.values[n * nf.length + f.edgeCount]!;
    firstEdge[n + 1] = edge;
  }
  return {
    nodeFieldCount: nf.length,
    edgeFieldCount: ef.length,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    nodes: nodes.values,
    edges: Uint32Array.from(edges.values),
    strings,
    firstEdge,
    nodeCount,
    f,
    e,
  };
}

function emptySnapshot(): Snapshot {
  const f = { type: 0, name: 1, id: 2, selfSize: 3, edgeCount: 4 };
  return {
    nodeFieldCount: 5,
    edgeFieldCount: 3,
    nodeTypes: [],
    edgeTypes: [],
    nodes: new Float64Array(0),
    edges: new Uint32Array(0),
    strings: [],
    firstEdge: new Uint32Array(1),
    nodeCount: 0,
    f,
    e: { type: 0, name: 1, to: 2 },
  };
}

/** The group a node counts in: an object's constructor, else its node type (strings, code, …). */
function groupOf(s: Snapshot, n: number): string {
  const base = n * s.nodeFieldCount;
  const type = s.nodeTypes[s.nodes[base + s.f.type]!]!;
  const name = s.strings[s.nodes[base + s.f.name]!] ?? '';
  if (type === 'object' || type === 'native') return name.length > 60 ? `${name.slice(0, 60)}…` : name;
  if (type === 'closure') return 'Function (closure)';
  if (type === 'hidden' || type === 'code' || type === 'array') return `(${type}) ${name.slice(0, 40)}`;
  return `(${type})`;
}

interface Group {
  count: number;
  size: number;
}

function groups(s: Snapshot): Map<string, Group> {
  const out = new Map<string, Group>();
  for (let n = 0; n < s.nodeCount; n++) {
    const key = groupOf(s, n);
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += s.nodes[n * s.nodeFieldCount + s.f.selfSize]!;
    out.set(key, g);
  }
  return out;
}

/** Per node, its retainers (node indexes) and the edge index that holds it, as CSR arrays. */
function retainers(s: Snapshot): { first: Uint32Array; from: Uint32Array; edge: Uint32Array } {
  const edgeCount = s.edges.length / s.edgeFieldCount;
  const first = new Uint32Array(s.nodeCount + 1);
  for (let k = 0; k < edgeCount; k++) first[s.edges[k * s.edgeFieldCount + s.e.to]! / s.nodeFieldCount + 1]!++;
  for (let n = 0; n < s.nodeCount; n++) first[n + 1]! += first[n]!;
  const fill = first.slice(0, s.nodeCount);
  const from = new Uint32Array(edgeCount);
  const edge = new Uint32Array(edgeCount);
  for (let n = 0; n < s.nodeCount; n++) {
    for (let k = s.firstEdge[n]!; k < s.firstEdge[n + 1]!; k++) {
      const to = s.edges[k * s.edgeFieldCount + s.e.to]! / s.nodeFieldCount;
      const at = fill[to]!++;
      from[at] = n;
      edge[at] = k;
    }
  }
  return { first, from, edge };
}

function edgeName(s: Snapshot, k: number): string {
  const type = s.edgeTypes[s.edges[k * s.edgeFieldCount + s.e.type]!]!;
  const name = s.edges[k * s.edgeFieldCount + s.e.name]!;
  if (type === 'element' || type === 'hidden') return '[]';
  const text = s.strings[name] ?? String(name);
  // A hash table's slots (`Map.table` → `(array) .519`): one name for all.
  return /^\d+$/.test(text) ? '[]' : text;
}

/** The first retainer of `node` by a strong edge that `skip` does not rule out (next −1 when none). */
function strongRetainer(
  s: Snapshot,
  r: ReturnType<typeof retainers>,
  node: number,
  skip: (from: number) => boolean,
): { next: number; via: number } {
  for (let k = r.first[node]!; k < r.first[node + 1]!; k++) {
    const type = s.edgeTypes[s.edges[r.edge[k]! * s.edgeFieldCount + s.e.type]!];
    if (type !== 'weak' && !skip(r.from[k]!)) return { next: r.from[k]!, via: r.edge[k]! };
  }
  return { next: -1, via: -1 };
}

/** A retainer path of `n`, `depth` steps up, taking at each step the first strong retainer. */
function pathOf(s: Snapshot, r: ReturnType<typeof retainers>, n: number, depth: number): string {
  const steps: string[] = [];
  let node = n;
  const seen = new Set<number>([n]);
  for (let d = 0; d < depth; d++) {
    const { next, via } = strongRetainer(s, r, node, (from) => seen.has(from));
    if (next < 0) break;
    steps.push(`${groupOf(s, next)}.${edgeName(s, via)}`);
    seen.add(next);
    node = next;
  }
  return steps.join(' ← ');
}

/**
 * What holds each node: following its first strong retainer up (at most 12 steps), the first
 * private field (`DiskShard.#index`, `LRUCache.#keyMap`…) on the way — the code's own holders —
 * else '(other)'. Memoized per node. Returns per node the label's number, and the labels.
 */
function holders(s: Snapshot, r: ReturnType<typeof retainers>): { of: Int32Array; labels: string[] } {
  const of = new Int32Array(s.nodeCount).fill(-1);
  const labels = ['(other)'];
  const ids = new Map<string, number>([['(other)', 0]]);
  const label = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = labels.push(text) - 1));
    return id;
  };
  for (let n = 0; n < s.nodeCount; n++) {
    if (of[n] !== -1) continue;
    const chain: number[] = [];
    let node = n;
    let found = 0;
    for (let d = 0; d < 12; d++) {
      if (of[node] !== -1) {
        found = of[node]!;
        break;
      }
      chain.push(node);
      const { next, via } = strongRetainer(s, r, node, (from) => chain.includes(from));
      if (next < 0) break;
      const name = edgeName(s, via);
      if (name.startsWith('#')) {
        found = label(`${groupOf(s, next)}.${name}`);
        break;
      }
      node = next;
    }
    for (const c of chain) of[c] = found;
  }
  return { of, labels };
}

const mb = (n: number): string => (n / 1e6).toFixed(2);

if (process.argv[1]?.endsWith('heapDiff.ts') || process.argv[1]?.endsWith('heapDiff.js')) {
  const [fileA, fileB, topArg] = process.argv.slice(2);
  if (!fileA || !fileB) throw new Error('usage: heapDiff.ts start.heapsnapshot end.heapsnapshot [top]');
  const top = Number(topArg ?? 30);
  // '-' as the first snapshot: an empty one (every object counts as new: what the heap holds).
  const a = fileA === '-' ? emptySnapshot() : readSnapshot(fileA);
  const ga = groups(a);
  const ids = new Set<number>();
  for (let n = 0; n < a.nodeCount; n++) ids.add(a.nodes[n * a.nodeFieldCount + a.f.id]!);
  const totalA = [...ga.values()].reduce((t, g) => t + g.size, 0);
  a.nodes = new Float64Array(0);
  a.edges = new Uint32Array(0);
  const b = readSnapshot(fileB);
  const gb = groups(b);
  const totalB = [...gb.values()].reduce((t, g) => t + g.size, 0);
  console.log(`${fileA}: ${ga.size} groups, ${mb(totalA)} MB; ${fileB}: ${mb(totalB)} MB (growth ${mb(totalB - totalA)} MB)`);
  const rows = [...new Set([...ga.keys(), ...gb.keys()])].map((key) => {
    const x = ga.get(key) ?? { count: 0, size: 0 };
    const y = gb.get(key) ?? { count: 0, size: 0 };
    return { key, x, y, grew: y.size - x.size };
  });
  rows.sort((p, q) => q.grew - p.grew);
  console.log('\ngrowth by group (self size; count):');
  for (const row of rows.slice(0, top))
    console.log(
      `  ${mb(row.grew).padStart(8)} MB  ${mb(row.x.size).padStart(8)} → ${mb(row.y.size).padStart(8)} MB  ${String(row.x.count).padStart(8)} → ${String(row.y.count).padStart(8)}  ${row.key}`,
    );
  const shrank = rows.filter((r) => r.grew < 0).slice(-5);
  if (shrank.length) console.log(`  (most shrunk: ${shrank.map((r) => `${r.key} ${mb(r.grew)} MB`).join('; ')})`);
  // How the new objects of the groups that grew most are held.
  const r = retainers(b);
  const held = holders(b, r);
  const byHolder = new Map<number, { all: number; fresh: number; count: number }>();
  for (let n = 0; n < b.nodeCount; n++) {
    const h = byHolder.get(held.of[n]!) ?? { all: 0, fresh: 0, count: 0 };
    const size = b.nodes[n * b.nodeFieldCount + b.f.selfSize]!;
    h.all += size;
    h.count++;
    if (!ids.has(b.nodes[n * b.nodeFieldCount + b.f.id]!)) h.fresh += size;
    byHolder.set(held.of[n]!, h);
  }
  console.log(
    '\nby holder (the first private field up the first retainer chain; all of the second snapshot, and what is new in it):',
  );
  for (const [id, h] of [...byHolder].sort((x, y) => y[1].all - x[1].all).slice(0, top))
    console.log(
      `  ${mb(h.all).padStart(8)} MB (new ${mb(h.fresh).padStart(7)} MB) ${String(h.count).padStart(8)} objects  ${held.labels[id]}`,
    );
  const depth = Number(process.env.HEAPDIFF_DEPTH ?? 6);
  for (const row of rows.slice(0, Number(process.env.HEAPDIFF_PATHS ?? 8))) {
    const paths = new Map<string, { count: number; size: number }>();
    for (let n = 0; n < b.nodeCount; n++) {
      if (ids.has(b.nodes[n * b.nodeFieldCount + b.f.id]!)) continue;
      if (groupOf(b, n) !== row.key) continue;
      const p = pathOf(b, r, n, depth);
      const g = paths.get(p) ?? { count: 0, size: 0 };
      g.count++;
      g.size += b.nodes[n * b.nodeFieldCount + b.f.selfSize]!;
      paths.set(p, g);
    }
    console.log(`\nnew ${row.key} (grew ${mb(row.grew)} MB), most held by:`);
    for (const [p, g] of [...paths].sort((x, y) => y[1].size - x[1].size).slice(0, 6))
      console.log(`  ${mb(g.size)} MB, ${g.count}: ${p}`);
  }
}
