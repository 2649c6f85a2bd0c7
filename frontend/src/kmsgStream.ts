// The live kernel log: a WebSocket on /api/sessions/{id}/kmsg that sends one record per frame. On a
// drop it reconnects with ?after=<last seq seen>, so no record is shown twice or lost (as long as the
// ring still holds it). A reboot's new kernel follows on the same socket from seq 0, which is how the
// stream notices a reboot it did not ask for. Each connect() starts a new generation; frames from an
// older socket are ignored.
import type { KmsgRecord } from './kmsg';

export interface KmsgStreamEvents {
  record(record: KmsgRecord): void;
  /** Connection status for the pane header: "live", "reconnecting" or "closed". */
  status(status: 'live' | 'reconnecting' | 'closed'): void;
  /** Several connects in a row failed: the session may be gone. */
  failing(): void;
  /** The sequence started again at 0 on the open socket: the kernel was rebooted. */
  rebooted(): void;
  /** Terminal output a running job printed between requests (a {"terminal": text} frame). */
  terminal?(text: string): void;
}

export class KmsgStream {
  private socket: WebSocket | null = null;
  private generation = 0;
  private lastSeq = -1;
  private failures = 0;
  private timer: number | undefined;

  constructor(private readonly events: KmsgStreamEvents) {}

  /** Streams session `id` from its first record (a new session or a rebooted kernel). */
  connect(id: string): void {
    this.close();
    this.lastSeq = -1;
    this.failures = 0;
    this.open(id, ++this.generation);
  }

  close(): void {
    this.generation++;
    window.clearTimeout(this.timer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
      this.socket = null;
    }
  }

  private url(id: string): string {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const after = this.lastSeq >= 0 ? `?after=${this.lastSeq}` : '';
    return `${scheme}://${location.host}/api/sessions/${encodeURIComponent(id)}/kmsg${after}`;
  }

  private open(id: string, generation: number): void {
    const socket = new WebSocket(this.url(id));
    this.socket = socket;
    socket.onopen = () => {
      if (generation !== this.generation) return;
      this.failures = 0;
      this.events.status('live');
    };
    socket.onmessage = (message) => {
      if (generation !== this.generation) return;
      const text = terminalFrame(message.data);
      if (text !== null) {
        this.events.terminal?.(text);
        return;
      }
      for (const record of parseFrame(message.data)) {
        if (record.seq === 0 && this.lastSeq >= 0) {
          this.lastSeq = -1;
          this.events.rebooted();
        }
        if (record.seq <= this.lastSeq) continue;
        this.lastSeq = record.seq;
        this.events.record(record);
      }
    };
    socket.onclose = () => {
      if (generation !== this.generation) return;
      this.failures++;
      this.events.status('reconnecting');
      if (this.failures === 3) this.events.failing();
      const delay = Math.min(5000, 250 * 2 ** Math.min(this.failures, 5));
      this.timer = window.setTimeout(() => {
        if (generation === this.generation) this.open(id, generation);
      }, delay);
    };
  }
}

/** The text of a {"terminal": text} frame, or null for any other frame. */
export function terminalFrame(data: unknown): string | null {
  if (typeof data !== 'string' || !data.startsWith('{"terminal"')) return null;
  try {
    const parsed = JSON.parse(data) as { terminal?: unknown };
    return typeof parsed.terminal === 'string' ? parsed.terminal : null;
  } catch {
    return null;
  }
}

/** One frame: a record (ts in µs, or tsNanos as the kernel's LogRecord has it), or an array of them. */
export function parseFrame(data: unknown): KmsgRecord[] {
  if (typeof data !== 'string') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return [];
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && 'text' in r)
    .map((r) => ({
      seq: Number(r.seq ?? 0),
      level: Number(r.level ?? 6),
      facility: Number(r.facility ?? 0),
      ts: r.ts !== undefined ? Number(r.ts) : r.tsNanos !== undefined ? Number(r.tsNanos) / 1000 : Number(r.tsMicros ?? 0),
      text: String(r.text ?? ''),
    }));
}
