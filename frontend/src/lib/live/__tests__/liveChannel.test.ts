import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FIRST_WAIT_MS,
  LEADER_TIMEOUT_MS,
  LiveChannel,
  REOPEN_MS,
  type LiveEnvironment,
  type LiveEvent,
} from '../liveChannel';

/** Tabs of one browser: every FakeChannel of a name hears the others' messages (not its own). */
class FakeChannel {
  static all: FakeChannel[] = [];
  /** A slow channel: both tabs decide before hearing each other. */
  static delayMs = 0;
  onmessage: ((message: MessageEvent) => void) | null = null;
  closed = false;
  constructor(readonly name: string) {
    FakeChannel.all.push(this);
  }
  postMessage(data: unknown) {
    if (this.closed) throw new Error('closed');
    for (const other of FakeChannel.all) {
      if (other !== this && !other.closed && other.name === this.name) {
        const deliver = () => other.onmessage?.({ data } as MessageEvent);
        if (FakeChannel.delayMs) setTimeout(deliver, FakeChannel.delayMs);
        else queueMicrotask(deliver);
      }
    }
  }
  close() {
    this.closed = true;
  }
}

/** The server's end of each stream a tab opens. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private handlers: Record<string, ((message: MessageEvent) => void)[]> = {};
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, handler: (message: MessageEvent) => void) {
    (this.handlers[type] ??= []).push(handler);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  send(type: string, data: unknown) {
    this.handlers[type]?.forEach((h) => h({ data: JSON.stringify(data) } as MessageEvent));
  }
  refuse() {
    this.readyState = 2;
    this.onerror?.();
  }
}

function environment(overrides: Partial<LiveEnvironment> = {}): LiveEnvironment {
  return {
    EventSource: FakeSource as unknown as LiveEnvironment['EventSource'],
    BroadcastChannel: FakeChannel as unknown as LiveEnvironment['BroadcastChannel'],
    setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    setInterval: (callback, ms) => setInterval(callback, ms) as unknown as number,
    clearInterval: (id) => clearInterval(id),
    now: () => Date.now(),
    ...overrides,
  };
}

function tab(id: string, env = environment()) {
  const channel = new LiveChannel(env, id);
  const received: LiveEvent[] = [];
  channel.subscribe((event) => received.push(event));
  channel.start();
  return { channel, received };
}

const openSources = () => FakeSource.all.filter((s) => !s.closed);

beforeEach(() => {
  vi.useFakeTimers();
  FakeChannel.all = [];
  FakeChannel.delayMs = 0;
  FakeSource.all = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveChannel: one stream per browser, shared by its tabs', () => {
  it('lets one tab lead: one EventSource, and its events reach every tab', async () => {
    const first = tab('a');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 10);
    const second = tab('b');
    const third = tab('c');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 2000);

    expect(first.channel.isLeader).toBe(true);
    expect(second.channel.isLeader).toBe(false);
    expect(third.channel.isLeader).toBe(false);
    expect(openSources()).toHaveLength(1);
    expect(openSources()[0].url).toBe('/api/stream/');

    openSources()[0].open();
    openSources()[0].send('ticket', { id: 24, version: 5, kind: 'updated' });
    await vi.advanceTimersByTimeAsync(0);

    const event = { type: 'ticket', id: 24, version: 5, kind: 'updated' };
    expect(first.received).toEqual([event]);
    expect(second.received).toEqual([event]);
    expect(third.received).toEqual([event]);
  });

  it('hands the stream to another tab when the leader closes, which then resyncs everyone', async () => {
    const first = tab('a');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 10);
    const second = tab('b');
    await vi.advanceTimersByTimeAsync(1500);
    openSources()[0].open();

    first.channel.stop();
    await vi.advanceTimersByTimeAsync(0);

    expect(second.channel.isLeader).toBe(true);
    expect(openSources()).toHaveLength(1);
    openSources()[0].open();
    expect(second.received).toEqual([{ type: 'resync' }]);
  });

  it('takes over when the leader falls silent without a goodbye', async () => {
    const first = tab('a');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 10);
    const second = tab('b');
    await vi.advanceTimersByTimeAsync(1500);
    expect(second.channel.isLeader).toBe(false);

    // The leader's tab is frozen: its channel and timers are gone, nothing said.
    FakeChannel.all[0].closed = true;
    vi.spyOn(first.channel as unknown as { tick: () => void }, 'tick').mockImplementation(() => undefined);
    await vi.advanceTimersByTimeAsync(LEADER_TIMEOUT_MS + 1500);

    expect(second.channel.isLeader).toBe(true);
  });

  it('settles two leaders at once on the smaller id', async () => {
    FakeChannel.delayMs = FIRST_WAIT_MS * 2;
    const b = tab('b');
    const a = tab('a');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 10);
    expect(a.channel.isLeader && b.channel.isLeader).toBe(true);

    await vi.advanceTimersByTimeAsync(2500);

    expect(a.channel.isLeader).toBe(true);
    expect(b.channel.isLeader).toBe(false);
    expect(openSources()).toHaveLength(1);
  });

  it('opens the stream again after the server refused it, and resyncs', async () => {
    const only = tab('a');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 10);
    openSources()[0].open();
    openSources()[0].refuse();
    expect(openSources()).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(REOPEN_MS);
    expect(openSources()).toHaveLength(1);
    openSources()[0].open();
    expect(only.received).toEqual([{ type: 'resync' }]);
  });

  it('passes on resync events from the server', async () => {
    const only = tab('a');
    await vi.advanceTimersByTimeAsync(FIRST_WAIT_MS + 10);
    openSources()[0].open();
    openSources()[0].send('resync', {});
    expect(only.received).toEqual([{ type: 'resync' }]);
  });

  it('keeps a stream of its own without BroadcastChannel', () => {
    const only = tab('a', environment({ BroadcastChannel: undefined }));
    expect(only.channel.isLeader).toBe(true);
    expect(openSources()).toHaveLength(1);
  });

  it('does nothing without EventSource (pages keep polling)', async () => {
    const only = tab('a', environment({ EventSource: undefined }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(only.channel.available).toBe(false);
    expect(only.channel.isLeader).toBe(false);
    expect(FakeChannel.all).toHaveLength(0);
  });
});
