/**
 * Storage ports owned by the domain. Adapters (lowdb, PostgreSQL) implement them; the domain and
 * the dialogs only ever see these interfaces.
 */
import type { Callback, Conversation, Customer, Lead, OrderRequest, TranscriptEntry } from './model.js';
import type { StaffSession, StaffToken, StaffUser } from './staffModel.js';
import type { DailyStat, SalesPlan } from './forecast/dailyStat.js';
import type { Objection } from './objections/objection.js';

/** Equality filter on top-level fields; an array field matches when it contains the value. */
export type Where<T> = Partial<Record<keyof T & string, string | number | boolean>>;

export interface Query<T> {
  where?: Where<T>;
  /** Field to order by (string or ISO date fields); ties are broken by id. */
  orderBy?: keyof T & string;
  descending?: boolean;
  /** Only records whose orderBy field is >= from / < to (compared as strings). */
  from?: string;
  to?: string;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Present when more records follow. */
  next?: string;
}

/**
 * A collection of records with string ids. Every write is atomic and durable once the promise
 * resolves: an acknowledged write survives a crash of the process.
 */
export interface Collection<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  /** Records whose `field` equals `value` (or, for array fields, contains it). */
  findBy(field: keyof T & string, value: string): Promise<T[]>;
  /** Inserts or replaces the record. */
  put(record: T): Promise<void>;
  /**
   * Atomic read-modify-write: `change` gets the current record (or undefined) and returns the new
   * one, or undefined to leave it unchanged. Concurrent updates of one id are serialized.
   */
  update(id: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  delete(id: string): Promise<boolean>;
  query(query?: Query<T>): Promise<Page<T>>;
  count(where?: Where<T>): Promise<number>;
  /**
   * Takes in changes made by another process, for backends that keep a copy in memory (lowdb);
   * backends that always read from the source leave it out.
   */
  refresh?(): Promise<void>;
}

/** The transcript of each conversation, append-only until erased. */
export interface TranscriptStore {
  append(entry: TranscriptEntry): Promise<void>;
  read(conversationId: string): Promise<TranscriptEntry[]>;
  delete(conversationId: string): Promise<boolean>;
}

/** A stored value with its version tag. */
export interface Versioned {
  value: Record<string, unknown>;
  eTag: string;
}

/**
 * Key-value state with optimistic concurrency (what Bot Framework keeps for conversation and user
 * state). A write with an `expectedETag` that no longer matches fails with a ConcurrencyError, and
 * so does one with `expectedETag: null` (the key must not exist yet: a state read as new) when the
 * key exists; `expectedETag` undefined or '*' writes unconditionally. A write applies entirely or
 * not at all and resolves with each key's new eTag.
 */
export interface StateStore {
  read(keys: string[]): Promise<Record<string, Versioned>>;
  write(changes: StateChange[]): Promise<Record<string, string>>;
  delete(keys: string[]): Promise<void>;
}

export interface StateChange {
  key: string;
  value: Record<string, unknown>;
  /** The eTag the value was read with; null: the key must not exist; undefined or '*': any. */
  expectedETag?: string | null;
}

/** Records that belong to a customer and to the conversation they came from. */
export interface LinkedRecords<T extends { id: string }> {
  findByCustomer(customerId: string): Promise<T[]>;
  findByConversation(conversationId: string): Promise<T[]>;
}

/** Customers, found by any of the ways a person reaches the business. */
export interface CustomerStore extends Collection<Customer> {
  /** E.164. */
  findByPhone(phone: string): Promise<Customer[]>;
  /** Lower-case address. */
  findByEmail(email: string): Promise<Customer[]>;
  /** The channel account key (`accountKey` in model.ts). */
  findByAccount(key: string): Promise<Customer[]>;
}

export interface CallbackStore extends Collection<Callback>, LinkedRecords<Callback> {
  /** Every callback with this (normalised) reference. */
  findByRef(ref: string): Promise<Callback[]>;
  /** The open callback with this reference, if any. */
  findOpenByRef(ref: string): Promise<Callback | undefined>;
}

export interface LeadStore extends Collection<Lead>, LinkedRecords<Lead> {}
export interface OrderStore extends Collection<OrderRequest>, LinkedRecords<OrderRequest> {}

/** Every store the product uses, as one backend provides them. */
export interface Stores {
  customers: CustomerStore;
  callbacks: CallbackStore;
  leads: LeadStore;
  orders: OrderStore;
  conversations: Collection<Conversation>;
  transcripts: TranscriptStore;
  state: StateStore;
  /** Staff accounts, API token hashes and session hashes (see src/staff). */
  staffUsers: Collection<StaffUser>;
  staffTokens: Collection<StaffToken>;
  staffSessions: Collection<StaffSession>;
  /** The daily roll-up, staff's monthly plans and the objections read from conversations (src/staff). */
  dailyStats: Collection<DailyStat>;
  salesPlans: Collection<SalesPlan>;
  objections: Collection<Objection>;
  /** True when the backend can read and write right now. */
  healthy(): Promise<boolean>;
  /** Waits for pending writes and releases the backend. */
  close(): Promise<void>;
}
