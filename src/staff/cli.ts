/**
 * Staff accounts from the command line (`npm run staff -- <command>`):
 *   add-user NAME --role manager|viewer   password from stdin when piped, else prompted
 *   add-token NAME --role manager|viewer  prints the token once
 *   list                                  users and tokens
 *   remove-user NAME                      also signs the user out
 *   remove-token NAME                     removes every token with that name
 *   demo-data [--weeks 12] [--per-day 20] [--seed 16]   fills a fresh store with sample sales data
 * Uses the same configuration as the bot (DATA_DIR or DATABASE_URL). It may run beside a running bot:
 * the bot reads the staff account files again when they change.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadDotEnv, parseConfig, type Config } from '../config.js';
import { loadBusiness } from '../knowledge/markdownLoader.js';
import { fillDemoData } from './demoData.js';
import { systemClock } from '../domain/clock.js';
import { createStaffAccountsFor } from '../staffServices.js';
import { AppError } from '../domain/errors.js';
import { openStores } from '../stores/openStores.js';
import { StaffName, StaffRole } from '../domain/staffModel.js';

const USAGE = `usage: npm run staff -- <command>
  add-user NAME --role manager|viewer   (password from stdin, or prompted)
  add-token NAME --role manager|viewer  (prints the token once)
  list
  remove-user NAME
  remove-token NAME
  demo-data [--weeks 12] [--per-day 20] [--seed 16]  (a fresh store only)`;

/** Reads one line: piped stdin as is, or a prompt on a terminal without echoing what is typed. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input: stdin, terminal: true });
  stdin.setRawMode?.(true);
  // Swallow the echo of typed characters; readline still collects the line.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((done) => rl.once('line', done));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      weeks: { type: 'string' },
      'per-day': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, name] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const needsName = command !== 'list' && command !== 'demo-data';
  const needsRole = command === 'add-user' || command === 'add-token';
  const role = StaffRole.safeParse(values.role);
  if ((needsName && !name) || (needsRole && !role.success)) {
    console.error(USAGE);
    return 2;
  }
  if (needsName && !StaffName.safeParse(name).success) {
    console.error(`invalid name "${name}": use 1–64 letters, digits or . _ @ -`);
    return 2;
  }

  loadDotEnv();
  const config = parseConfig(process.env);
  if (command === 'demo-data') return demoData(config, values);
  const stores = await openStores(config);
  try {
    // Built as the bot builds them, with every STAFF_* setting.
    const accounts = createStaffAccountsFor(config, stores, systemClock);
    switch (command) {
      case 'add-user': {
        const password = await readPassword(`password for ${name}: `);
        const user = await accounts.addUser(name!, role.data!, password);
        console.log(`added ${user.role} "${user.id}"`);
        return 0;
      }
      case 'add-token': {
        const { token, record } = await accounts.addToken(name!, role.data!);
        console.error(`token "${record.name}" (${record.role}) — shown once, keep it safe:`);
        console.log(token);
        return 0;
      }
      case 'list': {
        const { users, tokens } = await accounts.list();
        for (const u of users) console.log(`user   ${u.id.padEnd(24)} ${u.role.padEnd(8)} since ${u.createdAt}`);
        for (const t of tokens) console.log(`token  ${t.name.padEnd(24)} ${t.role.padEnd(8)} since ${t.createdAt}`);
        if (users.length + tokens.length === 0) console.log('no staff users or tokens yet');
        return 0;
      }
      case 'remove-user': {
        const removed = await accounts.removeUser(name!);
        console.log(removed ? `removed "${name}"` : `no user "${name}"`);
        return removed ? 0 : 1;
      }
      case 'remove-token': {
        const removed = await accounts.removeToken(name!);
        console.log(`removed ${removed} token(s) named "${name}"`);
        return removed > 0 ? 0 : 1;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } finally {
    await stores.close();
  }
}

async function demoData(config: Config, values: { weeks?: string; 'per-day'?: string; seed?: string }): Promise<number> {
  const number = (value: string | undefined, fallback: number, max: number): number | undefined => {
    const n = value === undefined ? fallback : Number(value);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
  };
  const weeks = number(values.weeks, 12, 52);
  const perDay = number(values['per-day'], 20, 1000);
  const seed = number(values.seed, 16, 2 ** 31);
  if (weeks === undefined || perDay === undefined || seed === undefined) {
    console.error('demo-data: --weeks 1–52, --per-day 1–1000 and --seed are whole numbers');
    return 2;
  }
  const business = await loadBusiness(resolve(config.KNOWLEDGE_DIR));
  const stores = await openStores(config);
  try {
    if ((await stores.conversations.count()) > 0) {
      console.error('demo-data fills a fresh store only: this one already holds conversations');
      return 1;
    }
    const summary = await fillDemoData(stores, business, { weeks, perDay, seed });
    console.log(
      `demo data: ${summary.days} days, ${summary.conversations} conversations, ${summary.leads} leads, ` +
        `${summary.callbacks} callbacks, ${summary.orders} order requests, ${summary.won} won; ${summary.rolledDays} days rolled up`,
    );
    return 0;
  } finally {
    await stores.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
