/**
 * The staff JSON API under `/staff/api`. Every parameter is checked with zod (400 with the issues);
 * viewers get contact details masked and a 403 on anything that changes or erases.
 */
import type restify from 'restify';
import { NotFoundError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import type { CallbackQueue } from './callbackQueue.js';
import type { ConversationReview } from './conversationReview.js';
import type { CustomerRecords } from './customerRecords.js';
import type { createFunnelReport } from './funnelReport.js';
import type { createStaffExports } from './staffExports.js';
import { parse, queryOf, sendBody, type Guard } from './staffHttp.js';
import { maskDeep, maskText } from './mask.js';
import {
  CallbackListQuery,
  CallbackPatch,
  ConversationListQuery,
  ConversationPatch,
  CustomerListQuery,
  FunnelQuery,
  IdParam,
  NoParams,
} from './staffParams.js';

export interface StaffApiDeps {
  guard: Guard;
  logger: Logger;
  conversations: ConversationReview;
  customers: CustomerRecords;
  callbacks: CallbackQueue;
  funnel: ReturnType<typeof createFunnelReport>;
  exports: ReturnType<typeof createStaffExports>;
  /** How the page writes dates: the business's locale and time zone. */
  business?: { locale: string; timeZone: string };
}

const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new NotFoundError(what);
  return value;
};

export function registerStaffApi(server: restify.Server, deps: StaffApiDeps): void {
  const { guard } = deps;
  const masked = (role: string) => ({ masked: role !== 'manager' });
  /**
   * What a viewer is sent: on top of each view's own masking, every string and key in the body is
   * masked once more at the edge, so a number or address in an id (SMS and telephony user ids are
   * phone numbers), a channel account or a note never reaches a viewer.
   */
  const shown = <T>(role: string, body: T): T => (role === 'manager' ? body : (maskDeep(body) as T));
  const idOf = (req: restify.Request): string => parse(IdParam, req.params).id;

  server.get(
    '/staff/api/session',
    guard(async (_req, res, who) => {
      res.send(200, {
        name: who.name,
        role: who.role,
        via: who.via,
        ...(who.csrf ? { csrf: who.csrf } : {}),
        ...(deps.business ? { business: deps.business } : {}),
      });
    }),
  );

  server.get(
    '/staff/api/conversations',
    guard(async (req, res, who) => {
      res.send(200, shown(who.role, await deps.conversations.list(parse(ConversationListQuery, queryOf(req)), masked(who.role))));
    }),
  );

  server.get(
    '/staff/api/conversations/:id',
    guard(async (req, res, who) => {
      res.send(200, shown(who.role, found(await deps.conversations.get(idOf(req), masked(who.role)), 'conversation')));
    }),
  );

  server.patch(
    '/staff/api/conversations/:id',
    guard(
      async (req, res) => {
        const id = idOf(req);
        const patch = parse(ConversationPatch, req.body ?? {});
        res.send(200, found(await deps.conversations.patch(id, patch), 'conversation'));
      },
      { managers: true },
    ),
  );

  server.get(
    '/staff/api/customers',
    guard(async (req, res, who) => {
      res.send(200, shown(who.role, await deps.customers.list(parse(CustomerListQuery, queryOf(req)), masked(who.role))));
    }),
  );

  server.get(
    '/staff/api/customers/:id',
    guard(async (req, res, who) => {
      res.send(200, shown(who.role, found(await deps.customers.get(idOf(req), masked(who.role)), 'customer')));
    }),
  );

  server.get(
    '/staff/api/customers/:id/export',
    guard(async (req, res, who) => {
      const id = idOf(req);
      const data = shown(who.role, found(await deps.customers.export(id, masked(who.role)), 'customer'));
      sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify(data, null, 2), {
        'Content-Disposition': `attachment; filename="customer-${maskText(id).replace(/[^\w.-]/g, '_')}.json"`,
      });
    }),
  );

  server.del(
    '/staff/api/customers/:id',
    guard(
      async (req, res, who) => {
        const id = idOf(req);
        const erased = found(await deps.customers.erase(id), 'customer');
        deps.logger.info({ staff: who.name, customerId: id, erased }, 'customer erased');
        res.send(200, { erased });
      },
      { managers: true },
    ),
  );

  server.get(
    '/staff/api/callbacks',
    guard(async (req, res, who) => {
      res.send(200, shown(who.role, await deps.callbacks.list(parse(CallbackListQuery, queryOf(req)), masked(who.role))));
    }),
  );

  server.patch(
    '/staff/api/callbacks/:id',
    guard(
      async (req, res) => {
        const id = idOf(req);
        const patch = parse(CallbackPatch, req.body ?? {});
        res.send(200, found(await deps.callbacks.patch(id, patch), 'callback'));
      },
      { managers: true },
    ),
  );

  server.get(
    '/staff/api/funnel',
    guard(async (req, res, who) => {
      res.send(200, shown(who.role, await deps.funnel(parse(FunnelQuery, queryOf(req)), masked(who.role))));
    }),
  );

  const csv = (name: string, make: (options: { masked: boolean }) => Promise<string>) =>
    guard(async (req, res, who) => {
      parse(NoParams, queryOf(req));
      const body = await make(masked(who.role));
      sendBody(res, 200, 'text/csv; charset=utf-8', who.role === 'manager' ? body : maskText(body), {
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    });
  server.get('/staff/api/export/customers.csv', csv('customers.csv', deps.exports.customersCsv));
  server.get('/staff/api/export/callbacks.csv', csv('callbacks.csv', deps.exports.callbacksCsv));
}
