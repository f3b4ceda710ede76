/**
 * The server-side filters of $all reads and subscriptions: on stream name or event type, by
 * prefixes or else a regular expression; checkpoints every checkpointIntervalMultiplier x
 * maxSearchWindow events considered (default window 32, EventStore/EventStore src/EventStore.Core/
 * Services/Transport/Grpc/Enumerators.AllSubscriptionFiltered.cs).
 */
import type { LoggedEvent } from './eventLog.js';
import type { streamsPb } from './generated.js';

type Options = streamsPb.ReadReq.Options;

const DEFAULT_SEARCH_WINDOW = 32;

export function eventFilter(options: Options): ((event: LoggedEvent) => boolean) | null {
  if (!options.hasFilter()) return null;
  const filter = options.getFilter() as streamsPb.ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes = expression?.getPrefixList() ?? [];
  const regex = new RegExp(expression?.getRegex() ?? '');
  return (event) => {
    const subject = onStream ? event.stream : event.type;
    return prefixes.length > 0 ? prefixes.some((p) => subject.startsWith(p)) : regex.test(subject);
  };
}

export function checkpointInterval(options: Options): number | null {
  if (!options.hasFilter()) return null;
  const filter = options.getFilter() as streamsPb.ReadReq.Options.FilterOptions;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return Math.max(1, filter.getCheckpointintervalmultiplier()) * Math.max(1, window);
}
