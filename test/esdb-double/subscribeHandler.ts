/**
 * Streams.Read with the subscription option: catch-up subscriptions to a stream or to $all. As in
 * EventStoreDB (EventStore/EventStore src/EventStore.Core/Services/Transport/Grpc/
 * Enumerators.AllSubscription*.cs, StreamSubscription.cs): a confirmation first; from a position
 * it reads the first event at or after it and continues after that one; `caught_up` when it turns
 * live; with a filter, a checkpoint every so many events considered.
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { DoubleState } from './doubleState.js';
import { DELETED_STREAM, type LoggedEvent } from './eventLog.js';
import { streamsPb } from './generated.js';
import { checkpointInterval, eventFilter } from './readFilters.js';
import { asTrackedCall, withStatus } from './trackedCall.js';
import { errors, eventResponse, send, streamName } from './wire.js';

type ReadCall = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
type Options = streamsPb.ReadReq.Options;

/** Where a subscription starts in $all, and which events it delivers. */
function subscriptionPlan(
  state: DoubleState,
  options: Options,
): { start: number; matches: (event: LoggedEvent) => boolean; stream: string | null } {
  if (options.hasStream()) {
    const streamOptions = options.getStream() as streamsPb.ReadReq.Options.StreamOptions;
    const name = streamName(streamOptions.getStreamIdentifier());
    const Case = streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase;
    let after = -1n;
    if (streamOptions.getRevisionOptionCase() === Case.REVISION) {
      after = BigInt(streamOptions.getRevision());
    } else if (streamOptions.getRevisionOptionCase() === Case.END) {
      after = state.log.lastRevision(name);
    }
    return { start: 0, matches: (e) => e.stream === name && e.revision > after, stream: name };
  }
  const all = options.getAll() as streamsPb.ReadReq.Options.AllOptions;
  const filter = eventFilter(options) ?? (() => true);
  const Case = streamsPb.ReadReq.Options.AllOptions.AllOptionCase;
  let start = 0;
  if (all.getAllOptionCase() === Case.END) start = state.log.all.length;
  if (all.getAllOptionCase() === Case.POSITION) {
    const position = BigInt(
      (all.getPosition() as streamsPb.ReadReq.Options.Position).getCommitPosition(),
    );
    const at = state.log.indexAtOrAfter(position);
    start = at < state.log.all.length ? at + 1 : at;
  }
  return { start, matches: filter, stream: null };
}

export async function subscribe(
  state: DoubleState,
  call: ReadCall,
  options: Options,
  structured: boolean,
): Promise<void> {
  state.subscriptionsStarted++;
  const plan = subscriptionPlan(state, options);
  const every = plan.stream === null ? checkpointInterval(options) : null;
  await asTrackedCall(state, call, async (failed, onFail) => {
    let wake: (() => void) | null = null;
    const stopListening = state.log.onCommit(() => wake?.());
    const onGone = (): void => wake?.();
    call.on('cancelled', onGone);
    onFail(onGone);
    try {
      const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(
        randomUUID(),
      );
      if (!(await send(call, new streamsPb.ReadResp().setConfirmation(confirmation)))) return;
      let index = plan.start;
      let considered = 0;
      let live = false;
      while (!call.cancelled && failed() === null) {
        const event = state.log.all[index];
        if (event === undefined) {
          if (!live) {
            live = true;
            const caughtUp = new streamsPb.ReadResp().setCaughtUp(
              new streamsPb.ReadResp.CaughtUp(),
            );
            if (!(await send(call, caughtUp))) return;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
          continue;
        }
        index++;
        if (plan.stream !== null && event.stream === plan.stream) {
          if (event.revision === DELETED_STREAM) {
            throw withStatus(errors.streamDeleted(plan.stream));
          }
        }
        if (plan.matches(event) && !(await send(call, eventResponse(event, structured)))) return;
        if (every !== null && ++considered >= every) {
          considered = 0;
          const checkpoint = new streamsPb.ReadResp.Checkpoint()
            .setCommitPosition(event.position.toString())
            .setPreparePosition(event.position.toString());
          if (!(await send(call, new streamsPb.ReadResp().setCheckpoint(checkpoint)))) return;
        }
      }
    } finally {
      stopListening();
      call.off('cancelled', onGone);
    }
  });
}
