import {
  eventHash,
  GENESIS_HASH,
  type ChainFailureReason,
  type RecordedEvent,
} from '@kawasan/event-store';

/**
 * Why a chain breaks: the hash chain's own reasons, plus `position_order` (revisions and global
 * positions disagree, so a fold in log order would see the stream reordered) and `unreadable` (the
 * store could not parse the stored event at all).
 */
export type BreakReason = ChainFailureReason | 'position_order' | 'unreadable';

/** The first place a stream's chain breaks. `eventId` is null when the event could not be read. */
export interface ChainBreak {
  readonly stream: string;
  readonly revision: bigint;
  readonly eventId: string | null;
  readonly reason: BreakReason;
  readonly detail?: string;
}

/** Last verified event of a stream: what a digest commits to. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * Checks one stream's events as they arrive, in revision order, holding only the last hash: the
 * streaming counterpart of `verifyStreamChain`, so a whole log can be checked in one pass with one
 * of these per stream. After the first break the stream is not checked further (what follows a
 * break cannot be trusted to link to anything).
 */
export class StreamChain {
  readonly stream: string;
  #nextRevision = 0n;
  #prevHash = GENESIS_HASH;
  #lastPosition = 0n;
  #events = 0;
  #broken: ChainBreak | null = null;

  constructor(stream: string) {
    this.stream = stream;
  }

  get events(): number {
    return this.#events;
  }

  get broken(): ChainBreak | null {
    return this.#broken;
  }

  /** The verified head, or null for an empty or broken stream. */
  get head(): StreamHead | null {
    if (this.#broken !== null || this.#events === 0) return null;
    return { revision: this.#nextRevision - 1n, hash: this.#prevHash };
  }

  /** Checks the next event; returns the break when this event is where the chain breaks. */
  push(event: RecordedEvent): ChainBreak | null {
    this.#events++;
    if (this.#broken !== null) return null;
    if (event.stream !== this.stream)
      throw new TypeError(`StreamChain(${this.stream}): event of stream '${event.stream}'`);
    const reason = this.#check(event);
    if (reason !== null) {
      this.#broken = { stream: this.stream, revision: event.revision, eventId: event.id, reason };
      return this.#broken;
    }
    this.#prevHash = event.metadata['hash'] as string;
    this.#nextRevision = event.revision + 1n;
    this.#lastPosition = event.position;
    return null;
  }

  /** Records that the event after the last good one could not be read. */
  unreadable(detail: string): ChainBreak {
    this.#broken ??= {
      stream: this.stream,
      revision: this.#nextRevision,
      eventId: null,
      reason: 'unreadable',
      detail,
    };
    return this.#broken;
  }

  #check(event: RecordedEvent): BreakReason | null {
    if (event.revision !== this.#nextRevision) return 'revision_gap';
    const { hash, prevHash } = event.metadata;
    if (typeof hash !== 'string' || typeof prevHash !== 'string') return 'missing_hash';
    if (prevHash !== this.#prevHash) return 'prev_hash_mismatch';
    try {
      if (eventHash(event) !== hash) return 'hash_mismatch';
    } catch {
      // Data that cannot be canonicalised cannot be what was hashed.
      return 'hash_mismatch';
    }
    if (this.#events > 1 && event.position <= this.#lastPosition) return 'position_order';
    return null;
  }
}
