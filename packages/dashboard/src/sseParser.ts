/** Server-Sent Events framing (the subset `GET /updates` uses: event, data, comments). */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

/** Emits every complete message in `buffer` and returns the unfinished tail. */
export function parseEvents(buffer: string, emit: (m: SseMessage) => void): string {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const tail = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) emit({ event, data: data.join('\n') });
  }
  return tail;
}
