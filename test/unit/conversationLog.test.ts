import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConversationLog } from '../../src/domain/conversations/conversationLog.js';
import type { Stores } from '../../src/domain/ports.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';

describe('the conversation log', () => {
  let dir: string;
  let stores: Stores;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'log-'));
    stores = await openLowdbStores(dir);
  });
  afterEach(async () => {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  const activity = (direction: 'in' | 'out', text: string) => ({
    conversationId: 'c1',
    channelId: 'test',
    userId: 'u1',
    direction,
    at: new Date(),
    type: 'message',
    text,
    activity: { type: 'message', text },
  });

  it('when a turn records several activities and outcomes, then the transcript keeps them in order and the record is written once', async () => {
    const log = createConversationLog({
      conversations: stores.conversations,
      transcripts: stores.transcripts,
      onError: () => {},
    });
    const updates = vi.spyOn(stores.conversations, 'update');
    void log.record(activity('in', 'how much is the cake?'));
    void log.record(activity('out', 'It costs $95.'));
    void log.addOutcome('c1', 'answered');
    void log.record(activity('out', 'Anything else?'));
    await log.flush();
    expect((await stores.transcripts.read('c1')).map((e) => e.text)).toEqual([
      'how much is the cake?',
      'It costs $95.',
      'Anything else?',
    ]);
    expect(await stores.conversations.get('c1')).toMatchObject({ activityCount: 3, outcomes: ['answered'] });
    expect(updates.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('when an outcome is already recorded, then recording it again changes nothing', async () => {
    const log = createConversationLog({
      conversations: stores.conversations,
      transcripts: stores.transcripts,
      onError: () => {},
    });
    await log.record(activity('in', 'hi'));
    await log.addOutcome('c1', 'answered');
    await log.addOutcome('c1', 'answered');
    await log.flush();
    expect((await stores.conversations.get('c1'))?.outcomes).toEqual(['answered']);
  });

  it('when record changes wait, then they are written together within the delay without a flush', async () => {
    const log = createConversationLog({
      conversations: stores.conversations,
      transcripts: stores.transcripts,
      onError: () => {},
      recordDelayMs: 20,
    });
    void log.record(activity('in', 'hi'));
    void log.addOutcome('c1', 'answered');
    expect((await stores.conversations.get('c1'))?.outcomes ?? []).toEqual([]);
    await expect.poll(async () => (await stores.conversations.get('c1'))?.outcomes, { timeout: 2000 }).toEqual(['answered']);
  });

  it('when a write fails, then the error is reported and later writes still happen', async () => {
    const errors: unknown[] = [];
    const log = createConversationLog({
      conversations: stores.conversations,
      transcripts: stores.transcripts,
      onError: (e) => errors.push(e),
    });
    vi.spyOn(stores.transcripts, 'append').mockRejectedValueOnce(new Error('disk full'));
    await log.record(activity('in', 'first'));
    await log.record(activity('in', 'second'));
    await log.flush();
    expect(errors).toHaveLength(1);
    expect((await stores.transcripts.read('c1')).map((e) => e.text)).toEqual(['second']);
  });

  it('when the first line of a conversation is written, then its record exists by then, before any delay or flush', async () => {
    const log = createConversationLog({
      conversations: stores.conversations,
      transcripts: stores.transcripts,
      onError: () => {},
      recordDelayMs: 60_000,
    });
    void log.record(activity('in', 'call me on 0412 345 678'));
    // transcript() waits for the conversation's queued writes: the line is on disk now.
    expect(await log.transcript('c1')).toHaveLength(1);
    expect(await stores.conversations.get('c1')).toMatchObject({ id: 'c1', channelId: 'test', userId: 'u1' });
  });
});
