import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { Collection, Page, Query, Where } from '../../domain/ports.js';
import { checkLimit, decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { PgContext } from './PgContext.js';

/**
 * A collection as a table `(id text primary key, doc jsonb)`. Filters use `doc @> …` (served by
 * the GIN index); ordering compares `coalesce(doc->>field, '')` byte-wise (COLLATE "C") so it
 * matches the lowdb backend. Rows failing the schema are skipped and counted.
 */
export class PgCollection<T extends { id: string }> implements Collection<T> {
  readonly #table: string;

  constructor(
    private readonly context: PgContext,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.#table = context.table(name);
  }

  get(id: string): Promise<T | undefined> {
    return this.context.run(async () => {
      const { rows } = await this.context.pool.query(`SELECT id, doc FROM ${this.#table} WHERE id = $1`, [id]);
      return this.#valid(rows)[0];
    });
  }

  findBy(field: keyof T & string, value: string): Promise<T[]> {
    return this.context.run(async () => {
      const params: unknown[] = [];
      const condition = whereSql({ [field]: value }, params);
      const sql = `SELECT id, doc FROM ${this.#table} WHERE ${condition} ORDER BY id COLLATE "C"`;
      return this.#valid((await this.context.pool.query(sql, params)).rows);
    });
  }

  put(record: T): Promise<void> {
    return this.context.run(async () => {
      const checked = this.#check(record);
      await this.context.pool.query(
        `INSERT INTO ${this.#table} (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
        [checked.id, JSON.stringify(checked)],
      );
    });
  }

  update(id: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    return this.context.transaction(async (client) => {
      // A missing row is inserted as a JSON null placeholder so there is a row to lock; it is
      // invisible to others until commit, and rolled back when the change returns nothing.
      await client.query(`INSERT INTO ${this.#table} (id, doc) VALUES ($1, 'null') ON CONFLICT (id) DO NOTHING`, [id]);
      const { rows } = await client.query(`SELECT id, doc FROM ${this.#table} WHERE id = $1 FOR UPDATE`, [id]);
      const current = rows[0]?.doc === null ? undefined : this.#valid(rows)[0];
      const next = change(current);
      if (next === undefined) {
        if (current === undefined) await client.query(`DELETE FROM ${this.#table} WHERE id = $1 AND doc = 'null'`, [id]);
        return current;
      }
      if (next.id !== id) throw new ValidationError(`${this.name}: update must keep the id "${id}"`);
      const checked = this.#check(next);
      await client.query(`UPDATE ${this.#table} SET doc = $2 WHERE id = $1`, [id, JSON.stringify(checked)]);
      return checked;
    });
  }

  delete(id: string): Promise<boolean> {
    return this.context.run(async () => {
      const result = await this.context.pool.query(`DELETE FROM ${this.#table} WHERE id = $1`, [id]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  query(query: Query<T> = {}): Promise<Page<T>> {
    return this.context.run(async () => {
      const limit = checkLimit(query.limit);
      const params: unknown[] = [];
      const param = (value: unknown): string => `$${params.push(value)}`;
      const key = query.orderBy ? `coalesce(doc->>(${param(query.orderBy)}::text), '') COLLATE "C"` : `''::text`;
      const conditions = [whereSql(query.where, params)];
      if (query.from !== undefined) conditions.push(`${key} >= ${param(query.from)}`);
      if (query.to !== undefined) conditions.push(`${key} < ${param(query.to)}`);
      const [direction, beyond] = query.descending ? ['DESC', '<'] : ['ASC', '>'];
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        const [k, id] = [param(after.key), param(after.id)];
        conditions.push(`(${key} ${beyond} ${k} OR (${key} = ${k} AND id COLLATE "C" ${beyond} ${id}))`);
      }
      const sql =
        `SELECT id, doc, ${key} AS key FROM ${this.#table} WHERE ${conditions.join(' AND ')}` +
        ` ORDER BY key ${direction}, id COLLATE "C" ${direction}` +
        (limit === undefined ? '' : ` LIMIT ${param(limit + 1)}`);
      const { rows } = await this.context.pool.query<{ id: string; doc: unknown; key: string }>(sql, params);
      if (limit === undefined || rows.length <= limit) return { items: this.#valid(rows) };
      const page = rows.slice(0, limit);
      const last = page[page.length - 1]!;
      return { items: this.#valid(page), next: encodeCursor({ key: last.key, id: last.id }) };
    });
  }

  count(where?: Where<T>): Promise<number> {
    return this.context.run(async () => {
      const params: unknown[] = [];
      const sql = `SELECT count(*)::int AS n FROM ${this.#table} WHERE ${whereSql(where, params)}`;
      const { rows } = await this.context.pool.query<{ n: number }>(sql, params);
      return rows[0]!.n;
    });
  }

  #check(record: T): T {
    const result = this.schema.safeParse(record);
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ValidationError(`${this.name}: invalid record "${String(record?.id)}"`, issues);
  }

  #valid(rows: { id: string; doc: unknown }[]): T[] {
    const valid: T[] = [];
    for (const row of rows) {
      const result = this.schema.safeParse(row.doc);
      if (result.success) valid.push(result.data);
      else this.context.corruption.report(this.name, row.id, result.error.message);
    }
    return valid;
  }
}

/** `doc @> {"f": v}` or, for array fields, `doc @> {"f": [v]}`; both use the GIN index. */
function whereSql(where: Where<never> | Record<string, unknown> | undefined, params: unknown[]): string {
  const conditions = ['true'];
  for (const [field, value] of Object.entries(where ?? {})) {
    if (value === undefined) continue;
    const scalar = params.push(JSON.stringify({ [field]: value }));
    const array = params.push(JSON.stringify({ [field]: [value] }));
    conditions.push(`(doc @> $${scalar}::jsonb OR doc @> $${array}::jsonb)`);
  }
  return conditions.join(' AND ');
}
