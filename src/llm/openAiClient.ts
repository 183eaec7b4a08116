/**
 * One JSON-returning chat completion through the official `openai` client, against OpenAI or any
 * OpenAI-compatible server (Ollama, vLLM, llama.cpp). It never throws: every failure becomes a
 * `reason`, so callers fall back to the offline path in the same turn. One deadline covers the whole
 * call; only a dropped connection is retried (once, if time remains) — a 429, a 5xx or a timeout
 * falls back at once, because a customer is waiting. After repeated failures the client stays off
 * for a cool-down (cockatiel's circuit breaker), so an endpoint that is down costs nothing per turn.
 */
import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleType, type CircuitBreakerPolicy } from 'cockatiel';
import OpenAI from 'openai';
import { z } from 'zod';
import { modelTimeLeft } from './modelBudget.js';

/** A failure that counts towards opening the circuit (the endpoint is down, slow or refusing us). */
class CountedFailure extends Error {
  constructor(readonly result: { ok: false; reason: LlmFailure; ms: number }) {
    super(result.reason);
  }
}

/** The logger methods used (a pino logger fits). */
export interface LlmLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Shortest time worth a model call; with less left in the turn's budget the call is not made. */
const MIN_CALL_MS = 50;

export type LlmFailure = 'timeout' | 'rate_limited' | 'server' | 'network' | 'refusal' | 'invalid' | 'rejected' | 'circuit_open';

export type LlmResult<T> = { ok: true; value: T; ms: number } | { ok: false; reason: LlmFailure; ms: number };

export interface JsonRequest<T> {
  /** Names the call in logs and in the response schema. */
  name: string;
  system: string;
  /** The data, already delimited (see promptData.ts). */
  user: string;
  schema: z.ZodType<T>;
  maxTokens?: number;
}

/** The port the model-backed recognizer, answerer and writer use; tests may pass a fake. */
export interface LlmClient {
  completeJson<T>(request: JsonRequest<T>): Promise<LlmResult<T>>;
}

export interface OpenAiClientOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** The deadline of one call, retries included. */
  timeoutMs: number;
  /** Retries of a dropped connection, at most 1. */
  maxRetries?: 0 | 1;
  log: LlmLog;
  /** Failures in a row that switch the client off for `coolDownMs` (cockatiel's circuit breaker). */
  breakAfter?: number;
  coolDownMs?: number;
}

type FormatMode = 'json_schema' | 'json_object';

export class OpenAiClient implements LlmClient {
  private readonly client: OpenAI;
  private mode: FormatMode = 'json_schema';
  private readonly breaker: CircuitBreakerPolicy;

  constructor(private readonly options: OpenAiClientOptions) {
    // The SDK's own retries wait with back-off; retries are decided here instead.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 0 });
    this.breaker = circuitBreaker(handleType(CountedFailure), {
      halfOpenAfter: options.coolDownMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.breakAfter ?? 3),
    });
  }

  async completeJson<T>(request: JsonRequest<T>): Promise<LlmResult<T>> {
    const started = Date.now();
    // The turn's budget, when there is one, caps this call: earlier calls may have spent it. A call
    // not made for want of time says nothing about the endpoint, so it does not count as a failure.
    const timeoutMs = Math.min(this.options.timeoutMs, modelTimeLeft() ?? Infinity);
    if (timeoutMs < MIN_CALL_MS) return this.done(request.name, started, { reason: 'timeout' });
    try {
      return await this.breaker.execute(async () => {
        const result = await this.attempt(request, started, timeoutMs);
        if (!result.ok && result.reason !== 'invalid' && result.reason !== 'refusal') throw new CountedFailure(result);
        return result;
      });
    } catch (error) {
      if (error instanceof CountedFailure) return error.result;
      if (error instanceof BrokenCircuitError) return this.done(request.name, started, { reason: 'circuit_open' });
      throw error;
    }
  }

  private async attempt<T>(request: JsonRequest<T>, started: number, timeoutMs: number): Promise<LlmResult<T>> {
    const now = Date.now;
    const deadline = AbortSignal.timeout(timeoutMs);
    let retries = Math.min(1, this.options.maxRetries ?? 1);
    for (;;) {
      try {
        const content = await this.call(request, deadline, timeoutMs);
        if (content.refusal) return this.done(request.name, started, { reason: 'refusal' });
        const value = parseJson(content.text, request.schema);
        return this.done(request.name, started, value === undefined ? { reason: 'invalid' } : { value });
      } catch (error) {
        const reason = failureOf(error, deadline);
        const unsupported = error instanceof OpenAI.BadRequestError || error instanceof OpenAI.UnprocessableEntityError;
        if (unsupported && this.mode === 'json_schema') {
          // Many compatible servers know only `json_object`: switch for good and try again now.
          this.mode = 'json_object';
          continue;
        }
        const elapsed = now() - started;
        if (reason === 'network' && retries-- > 0 && elapsed < timeoutMs / 2) continue;
        return this.done(request.name, started, { reason }, error);
      }
    }
  }

  private async call<T>(
    request: JsonRequest<T>,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<{ text: string; refusal: boolean }> {
    const response_format =
      this.mode === 'json_schema'
        ? {
            type: 'json_schema' as const,
            json_schema: {
              name: request.name,
              schema: z.toJSONSchema(request.schema, { io: 'input' }) as Record<string, unknown>,
            },
          }
        : { type: 'json_object' as const };
    const completion = await this.client.chat.completions.create(
      {
        model: this.options.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        response_format,
        temperature: 0,
        max_tokens: request.maxTokens ?? 500,
      },
      { signal, timeout: timeoutMs, maxRetries: 0 },
    );
    const choice = completion.choices?.[0];
    const refusal = Boolean(choice?.message?.refusal) || choice?.finish_reason === 'content_filter';
    return { text: choice?.message?.content ?? '', refusal };
  }

  private done<T>(name: string, started: number, outcome: { value: T } | { reason: LlmFailure }, error?: unknown): LlmResult<T> {
    const ms = Date.now() - started;
    if ('value' in outcome) {
      this.options.log.info({ llm: name, model: this.options.model, ms }, 'model call');
      return { ok: true, value: outcome.value, ms };
    }
    const { reason } = outcome;
    const cause = error instanceof Error ? error.message.slice(0, 200) : undefined;
    this.options.log.warn({ llm: name, model: this.options.model, ms, reason, cause }, 'model fallback');
    return { ok: false, reason, ms };
  }
}

function failureOf(error: unknown, deadline: AbortSignal): LlmFailure {
  if (deadline.aborted || error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) {
    return 'timeout';
  }
  if (error instanceof OpenAI.RateLimitError) return 'rate_limited';
  if (error instanceof OpenAI.APIConnectionError) return 'network';
  if (error instanceof OpenAI.BadRequestError || error instanceof OpenAI.UnprocessableEntityError) return 'rejected';
  if (error instanceof OpenAI.APIError && (error.status ?? 0) >= 500) return 'server';
  if (error instanceof OpenAI.APIError) return 'rejected';
  return 'invalid';
}

/** Parses a model's JSON (tolerating a ```json fence and nulls for absent fields) and validates it. */
export function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(dropNulls(raw));
  return parsed.success ? parsed.data : undefined;
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(dropNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, dropNulls(v)]),
    );
  }
  return value;
}
