import { EventEmitter } from 'node:events';
import type { EventStore, Subscription } from '@kawasan/event-store';
import {
  createReadModel,
  FOLD_METADATA_KEYS,
  PROJECT_STREAM_PREFIX,
  toHistoryEntry,
  type ComingRetraction,
  type DecodeOptions,
  type ReadModel,
} from '@kawasan/projections';
import { SnapshotStore } from './snapshot.js';
import { storeHistory } from './storeHistory.js';

export interface ProjectorOptions {
  store: EventStore;
  /** Where the checkpoint/snapshot lives (under DATA_DIR): a SQLite file of its own. */
  snapshotFile: string;
  /** Load every restored fold in the background after a restart (default true). */
  warmUp?: boolean;
  /** Write a snapshot after this many new events… */
  snapshotEvery?: number;
  /** …or this long after the first unsaved event… */
  snapshotDelayMs?: number;
  /** …but not sooner than this after the previous one (a snapshot of 100k projects costs seconds). */
  snapshotIntervalMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface ProjectorStatus {
  position: bigint;
  /** Head of the store when last checked; the views are caught up when position reaches it. */
  headAtStart: bigint;
  caughtUp: boolean;
  connected: boolean;
  eventCount: number;
}

/**
 * Keeps the read model up to date: loads the last snapshot, subscribes to the log after its
 * position, folds every event, and tells waiters (minPosition) and SSE clients what changed.
 * When the store fails it keeps serving the views it has and resubscribes with backoff.
 */
export class Projector extends EventEmitter<{
  change: [projectId: string, position: bigint];
  position: [bigint];
}> {
  readonly model: ReadModel;
  private subscription: Subscription | null = null;
  private running = false;
  private unsaved = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();
  private headAtStart = 0n;
  private connected = false;
  private lastSave = 0;
  /** Retractions applied but not yet refolded (see settle). */
  private unsettled = 0;
  private snapshots: SnapshotStore | null = null;
  private warming: NodeJS.Immediate | null = null;
  // The store is this service's own: its events were validated when appended (DecodeOptions).
  private readonly decode: DecodeOptions = { trusted: true };

  constructor(private readonly options: ProjectorOptions) {
    super();
    this.setMaxListeners(0);
    this.model = createReadModel(storeHistory(options.store, this.decode), this.decode);
  }

  status(): ProjectorStatus {
    const position = this.model.position;
    return {
      position,
      headAtStart: this.headAtStart,
      caughtUp: this.connected && position >= this.headAtStart,
      connected: this.connected,
      eventCount: this.model.eventCount,
    };
  }

  async start(): Promise<void> {
    const snapshots = SnapshotStore.open(this.options.snapshotFile);
    this.snapshots = snapshots;
    await this.checkOrigin(snapshots);
    const position = snapshots.position();
    if (position !== null) {
      this.model.restore(position, snapshots.projects(), (id) => snapshots.load(id));
      await this.model.settle();
      this.options.log?.info(
        { position: position.toString(), projects: this.model.projectCount },
        'projection resumed from its snapshot',
      );
    }
    this.running = true;
    this.loop = this.run();
    if (this.options.warmUp ?? true) this.warm();
  }

  /**
   * A snapshot folded from another log (the store was replaced: a demo reset, a restored backup)
   * would serve projects the log does not have: it is cleared and the views replay. When the
   * store cannot be reached now, the snapshot is trusted and checked at the next start.
   */
  private async checkOrigin(snapshots: SnapshotStore): Promise<void> {
    const saved = snapshots.origin();
    if (saved === null && snapshots.position() === null) return;
    let origin: string | null;
    try {
      origin = await this.logOrigin();
    } catch {
      return;
    }
    if (origin === saved) return;
    this.options.log?.warn(
      { snapshotOrigin: saved, logOrigin: origin },
      'the projection snapshot was folded from another log: replaying from zero',
    );
    snapshots.clear();
  }

  /** The id of the log's first event (null: the log is empty). */
  private async logOrigin(): Promise<string | null> {
    for await (const event of this.options.store.readAll({ maxCount: 1 })) return event.id;
    return null;
  }

  /**
   * Loads the restored folds a few milliseconds at a time between requests, so the first list of
   * every project after a restart does not load them all at once.
   */
  private warm(): void {
    this.warming = null;
    if (!this.running || this.model.coldCount === 0) return;
    const started = performance.now();
    while (this.model.warm(32) > 0 && performance.now() - started < 4);
    if (this.model.coldCount > 0) this.warming = setImmediate(() => this.warm());
    else this.options.log?.info({ projects: this.model.projectCount }, 'projection folds loaded');
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        this.headAtStart = await this.projectHead();
        // Stopped while asking: a subscription opened now would never be closed.
        if (!this.running) break;
        const from = this.model.position;
        if (from === 0n && this.headAtStart > 0n)
          this.model.expectRetractions(await this.retractionsUpTo(this.headAtStart));
        if (!this.running) break;
        this.subscription = this.options.store.subscribeToAll({
          fromPosition: from === 0n ? 'start' : from,
          streamPrefix: PROJECT_STREAM_PREFIX,
          // Hashes and request ids are not folded: at 2M events, leaving them in the store
          // spares the catch-up about a second and the heap tens of MB of garbage.
          metadataKeys: FOLD_METADATA_KEYS,
        });
        this.connected = true;
        backoff = 100;
        this.emit('position', this.model.position);
        for await (const event of this.subscription) {
          const changed = this.model.apply(event);
          if (changed !== null) {
            if (event.type === 'EntryRetracted') this.unsettled++;
            this.emit('change', changed, event.position);
            this.scheduleSave();
          }
          // A retraction refolds its project from the store. Catching up, that waits for a batch
          // (nobody is served yet); live, it is done before anyone learns of the position.
          if (
            this.unsettled > 0 &&
            (this.model.position >= this.headAtStart || this.unsettled >= 1000)
          )
            await this.settle();
          // Events of foreign streams still move the position a reader may be waiting for.
          this.emit('position', this.model.position);
          if (!this.running) break;
        }
      } catch (error) {
        this.options.log?.warn(
          { err: error, retryInMs: backoff },
          'projection subscription failed; serving the last views',
        );
      } finally {
        this.connected = false;
      }
      if (!this.running) break;
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 5000);
    }
  }

  /**
   * Position of the newest project event: the log may end with events of other streams
   * (EventStoreDB's system events) that the filtered subscription never delivers.
   */
  private async projectHead(): Promise<bigint> {
    let scanned = 0;
    for await (const event of this.options.store.readAll({
      direction: 'backwards',
      fromPosition: 'end',
    })) {
      if (event.stream.startsWith(PROJECT_STREAM_PREFIX)) return event.position;
      if (++scanned >= 10_000) break;
    }
    return 0n;
  }

  /**
   * The retractions of the log up to `head`, read before a catch-up from zero: the entries they
   * retract are then left out as they come instead of refolding their projects from the store
   * (at 2M events, 21k projects re-read). SQLite filters on type as it scans; EventStoreDB's
   * $all read has no filter in the client, so there it is a second read of the log.
   */
  private async retractionsUpTo(head: bigint): Promise<ComingRetraction[]> {
    const retractions: ComingRetraction[] = [];
    for await (const logged of this.options.store.readAll({ eventTypes: ['EntryRetracted'] })) {
      if (logged.position > head) break;
      const entry = toHistoryEntry(logged, this.decode);
      if (entry?.event.type === 'EntryRetracted')
        retractions.push({
          projectId: entry.projectId,
          eventId: entry.event.data.eventId,
          by: entry.eventId,
        });
    }
    return retractions;
  }

  private async settle(): Promise<void> {
    this.unsettled = 0;
    for (const projectId of await this.model.settle())
      this.emit('change', projectId, this.model.position);
  }

  private scheduleSave(): void {
    this.unsaved++;
    // Catching up from zero, snapshots would only slow it down: the first comes at the head.
    if (this.saveTimer || this.model.position < this.headAtStart) return;
    const sinceLast = Date.now() - this.lastSave;
    const interval = this.options.snapshotIntervalMs ?? 30_000;
    const due =
      this.unsaved >= (this.options.snapshotEvery ?? 100_000)
        ? 0
        : (this.options.snapshotDelayMs ?? 5000);
    this.saveTimer = setTimeout(() => void this.save(), Math.max(due, interval - sinceLast));
  }

  /**
   * Persists the folds of the projects changed since the last save, with the position; serialised
   * so saves never interleave.
   */
  save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const pending = this.unsaved;
    this.unsaved = 0;
    this.saving = this.saving.then(async () => {
      const snapshots = this.snapshots;
      if (pending === 0 || !snapshots) return;
      const changed = this.model.takeChanged();
      try {
        if (snapshots.origin() === null) {
          const origin = await this.logOrigin();
          if (origin !== null) snapshots.setOrigin(origin);
        }
        const started = performance.now();
        const position = this.model.position;
        const projects = await snapshots.save(position, changed, (id) => this.model.record(id));
        this.lastSave = Date.now();
        this.options.log?.info(
          { position: position.toString(), projects, ms: Math.round(performance.now() - started) },
          'projection snapshot saved',
        );
      } catch (error) {
        this.model.markChanged(changed);
        this.options.log?.warn({ err: error }, 'could not write the projection checkpoint');
      }
    });
    return this.saving;
  }

  /** Resolves true when the views include `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.model.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onPosition = (p: bigint) => {
        if (p < position) return;
        clearTimeout(timer);
        this.off('position', onPosition);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.off('position', onPosition);
        resolve(false);
      }, timeoutMs);
      this.on('position', onPosition);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.subscription?.close();
    await this.loop;
    if (this.warming) clearImmediate(this.warming);
    this.warming = null;
    await this.save();
    this.snapshots?.close();
    this.snapshots = null;
  }
}
