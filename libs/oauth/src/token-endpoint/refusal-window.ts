import type { TokenRequestRefusedData } from '@keyward/domain';
import type { RequestContext } from './token-issuance-recorder';

export interface RefusalRecord {
  readonly data: TokenRequestRefusedData;
  readonly context: RequestContext;
}

interface OpenWindow {
  readonly openedAtMs: number;
  repeats: number;
  firstRepeatAt?: string;
  last?: RefusalRecord;
}

export interface RefusalWindowSettings {
  readonly windowMs: number;
  /** Windows open at once; past it, refusals share one window per reason (a flood of new addresses stays bounded). */
  readonly maxOpenWindows: number;
}

export const DEFAULT_REFUSAL_WINDOW: RefusalWindowSettings = { windowMs: 60_000, maxOpenWindows: 10_000 };

/**
 * Folds repeated refusals: per (client_id or source address, endpoint, reason) and window, the first is
 * recorded in full at once, the rest as one event with their count when the window closes. A flood
 * therefore costs at most two events per key and window, and at most maxOpenWindows keys are held.
 * Windows are kept in the order they opened, so closing the expired ones stops at the first open one.
 */
export class RefusalWindow {
  private readonly windows = new Map<string, OpenWindow>();

  constructor(
    private readonly settings: RefusalWindowSettings,
    private readonly clock: () => Date,
  ) {}

  /** What to record now for this refusal: nothing (folded), or its own event, after the summary of a window it closed. */
  admit(record: RefusalRecord): RefusalRecord[] {
    const now = this.clock().getTime();
    let key = keyOf(record.data);
    if (!this.windows.has(key) && this.windows.size >= this.settings.maxOpenWindows) {
      this.closeExpiredInto([], now);
      if (this.windows.size >= this.settings.maxOpenWindows) key = `overflow|${record.data.endpoint ?? 'token'}|${record.data.reason}`;
    }
    const open = this.windows.get(key);
    if (open && now - open.openedAtMs < this.settings.windowMs) {
      open.repeats += 1;
      open.firstRepeatAt ??= record.data.refusedAt;
      open.last = record;
      return [];
    }
    const out: RefusalRecord[] = [];
    if (open) {
      this.windows.delete(key);
      pushSummary(out, open);
    }
    this.windows.set(key, { openedAtMs: now, repeats: 0 });
    out.push(record);
    return out;
  }

  /** The summaries of windows whose time is up (called on a timer). */
  closeExpired(): RefusalRecord[] {
    return this.closeExpiredInto([], this.clock().getTime());
  }

  /** Every window's summary, at shutdown. */
  drain(): RefusalRecord[] {
    const out: RefusalRecord[] = [];
    for (const open of this.windows.values()) pushSummary(out, open);
    this.windows.clear();
    return out;
  }

  get openWindows(): number {
    return this.windows.size;
  }

  private closeExpiredInto(out: RefusalRecord[], now: number): RefusalRecord[] {
    for (const [key, open] of this.windows) {
      if (now - open.openedAtMs < this.settings.windowMs) break;
      this.windows.delete(key);
      pushSummary(out, open);
    }
    return out;
  }
}

function pushSummary(out: RefusalRecord[], open: OpenWindow): void {
  if (open.repeats === 0 || !open.last) return;
  out.push({ data: { ...open.last.data, count: open.repeats, firstRefusedAt: open.firstRepeatAt }, context: open.last.context });
}

// A known client's refusals fold by client_id; the rest by source address, so made-up client ids cannot open new windows.
const keyOf = (data: TokenRequestRefusedData): string =>
  `${data.organizationId !== undefined && data.clientId ? data.clientId : `ip:${data.sourceIp}`}|${data.endpoint ?? 'token'}|${data.reason}`;
