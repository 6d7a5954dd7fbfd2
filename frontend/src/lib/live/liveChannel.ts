/**
 * One live-update stream per browser, shared by every tab (CONTRACT §9).
 *
 * The tabs of one origin talk over a BroadcastChannel. One of them, the leader, owns the
 * EventSource on `/api/stream/` and passes each event on to the others; it says it is alive
 * with a heartbeat. When the heartbeat stops (the tab closed, crashed or was frozen) or the
 * leader says goodbye, another tab takes over and opens its own stream. Two leaders at once
 * (both took over in the same moment) settle it by id: the smaller one stays.
 *
 * The EventSource reconnects by itself after a network loss and resumes with
 * Last-Event-ID. A new stream (a new leader, or one the server refused) cannot resume, so
 * every tab is told to `resync`: refetch whatever it shows.
 *
 * Without BroadcastChannel a tab keeps a stream of its own; without EventSource there are
 * no live updates at all (`available` is false) and pages keep polling.
 */

export type LiveEvent =
  | { type: 'ticket'; id: number; version: number; kind: string }
  | { type: 'resync' };

export type LiveListener = (event: LiveEvent) => void;

type Message =
  | { type: 'hello'; from: string }
  | { type: 'heartbeat'; from: string }
  | { type: 'goodbye'; from: string }
  | { type: 'event'; from: string; event: LiveEvent };

/** The parts of the browser the channel uses, replaceable in tests. */
export interface LiveEnvironment {
  EventSource?: new (url: string, init?: EventSourceInit) => EventSource;
  BroadcastChannel?: new (name: string) => BroadcastChannel;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  setInterval: (callback: () => void, ms: number) => number;
  clearInterval: (id: number) => void;
  now: () => number;
}

export const STREAM_URL = '/api/stream/';
export const CHANNEL_NAME = 'support-desk-live';
/** How often the leader says it is alive. */
export const HEARTBEAT_MS = 1000;
/** Silence after which a follower takes over. */
export const LEADER_TIMEOUT_MS = 3000;
/** How long a new tab listens for a leader before it leads. */
export const FIRST_WAIT_MS = 300;
/** After the server refused the stream (e.g. signed out), when to try again. */
export const REOPEN_MS = 5000;

function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export class LiveChannel {
  readonly id: string;
  private readonly env: LiveEnvironment;
  private readonly listeners = new Set<LiveListener>();
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private leader = false;
  private lastHeartbeat = 0;
  private timers: number[] = [];
  private intervals: number[] = [];
  private reopenTimer: number | null = null;
  private started = false;
  /** Whether this tab has led before or a leader was heard: a new stream then resyncs. */
  private hadStream = false;

  constructor(env: LiveEnvironment, id: string = randomId()) {
    this.env = env;
    this.id = id;
  }

  /** Whether live updates can work here at all. */
  get available(): boolean {
    return typeof this.env.EventSource === 'function';
  }

  get isLeader(): boolean {
    return this.leader;
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    if (this.started || !this.available) return;
    this.started = true;
    const Channel = this.env.BroadcastChannel;
    if (typeof Channel !== 'function') {
      this.becomeLeader();
      return;
    }
    this.channel = new Channel(CHANNEL_NAME);
    this.channel.onmessage = (message: MessageEvent<Message>) => this.receive(message.data);
    this.post({ type: 'hello', from: this.id });
    this.timers.push(
      this.env.setTimeout(() => {
        if (!this.heardLeaderRecently()) this.becomeLeader();
      }, FIRST_WAIT_MS),
    );
    this.intervals.push(this.env.setInterval(() => this.tick(), HEARTBEAT_MS));
  }

  /** This tab goes away: the others take over at once instead of after the timeout. */
  stop(): void {
    if (!this.started) return;
    if (this.leader) this.post({ type: 'goodbye', from: this.id });
    this.started = false;
    this.stepDown();
    this.timers.forEach((t) => this.env.clearTimeout(t));
    this.intervals.forEach((t) => this.env.clearInterval(t));
    this.timers = [];
    this.intervals = [];
    this.channel?.close();
    this.channel = null;
  }

  private heardLeaderRecently(): boolean {
    return this.lastHeartbeat > 0 && this.env.now() - this.lastHeartbeat < LEADER_TIMEOUT_MS;
  }

  private tick(): void {
    if (this.leader) this.post({ type: 'heartbeat', from: this.id });
    else if (this.lastHeartbeat > 0 && !this.heardLeaderRecently()) this.becomeLeader();
  }

  private receive(message: Message): void {
    if (!message || message.from === this.id) return;
    switch (message.type) {
      case 'hello':
        if (this.leader) this.post({ type: 'heartbeat', from: this.id });
        break;
      case 'heartbeat':
        this.hadStream = true;
        if (this.leader) {
          // Two leaders: the smaller id keeps the stream.
          if (message.from < this.id) {
            this.stepDown();
            this.lastHeartbeat = this.env.now();
          } else {
            this.post({ type: 'heartbeat', from: this.id });
          }
        } else {
          this.lastHeartbeat = this.env.now();
        }
        break;
      case 'goodbye':
        if (!this.leader) this.becomeLeader();
        break;
      case 'event':
        if (!this.leader) this.deliver(message.event);
        break;
    }
  }

  private becomeLeader(): void {
    if (this.leader || !this.started) return;
    this.leader = true;
    this.post({ type: 'heartbeat', from: this.id });
    this.open(this.hadStream);
  }

  private stepDown(): void {
    this.leader = false;
    this.closeSource();
  }

  private open(resync: boolean): void {
    const Source = this.env.EventSource;
    if (!Source || !this.leader) return;
    const source = new Source(STREAM_URL, { withCredentials: true });
    this.source = source;
    let opened = false;
    source.onopen = () => {
      // Only a new stream misses events; the browser's own reconnects resume.
      if (!opened && resync) this.publish({ type: 'resync' });
      opened = true;
      this.hadStream = true;
    };
    source.addEventListener('ticket', (message) => {
      const data = parseTicket((message as MessageEvent<string>).data);
      if (data) this.publish(data);
    });
    source.addEventListener('resync', () => this.publish({ type: 'resync' }));
    source.onerror = () => {
      // CONNECTING: the browser retries by itself. CLOSED: the server refused; try later.
      if (source.readyState !== 2 || this.source !== source) return;
      this.closeSource();
      this.reopenTimer = this.env.setTimeout(() => {
        this.reopenTimer = null;
        this.open(true);
      }, REOPEN_MS);
    };
  }

  private closeSource(): void {
    if (this.reopenTimer !== null) this.env.clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.source?.close();
    this.source = null;
  }

  private publish(event: LiveEvent): void {
    this.post({ type: 'event', from: this.id, event });
    this.deliver(event);
  }

  private deliver(event: LiveEvent): void {
    this.listeners.forEach((listener) => {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    });
  }

  private post(message: Message): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (the tab is going away): nothing to tell.
    }
  }
}

function parseTicket(raw: string): LiveEvent | null {
  try {
    const data = JSON.parse(raw) as { id?: unknown; version?: unknown; kind?: unknown };
    if (typeof data.id !== 'number' || typeof data.version !== 'number') return null;
    return { type: 'ticket', id: data.id, version: data.version, kind: String(data.kind ?? '') };
  } catch {
    return null;
  }
}
