import type { EventToAppend, ExpectedRevision } from '../eventStore.js';

/**
 * JSON lines between the contract suite and `childAppender` processes. Bigints travel as decimal
 * strings; expected revisions as 'any' | 'no_stream' | 'stream_exists' | '<decimal>'.
 */
export type ChildCommand =
  | {
      cmd: 'append';
      stream: string;
      expectedRevision: string;
      events: EventToAppend[];
      /** When set, report 'waiting' and append only once this file exists. */
      barrier?: string;
    }
  | {
      /** Appends `count` generated events in ONE call; reports 'starting' just before it. */
      cmd: 'appendGenerated';
      stream: string;
      expectedRevision: string;
      count: number;
      payloadChars: number;
    }
  | { cmd: 'exit' };

export type ChildResult =
  | { type: 'result'; ok: true; nextExpectedRevision: string; position: string; elapsedMs: number }
  | { type: 'result'; ok: false; code: string; message: string; actual?: string };

export type ChildMessage =
  | { type: 'ready'; pid: number }
  | { type: 'waiting' }
  | { type: 'starting' }
  | ChildResult
  | { type: 'fatal'; message: string };

export const encodeRevision = (r: ExpectedRevision | bigint): string =>
  typeof r === 'bigint' ? r.toString() : r;

export function decodeRevision(s: string): ExpectedRevision {
  if (s === 'any' || s === 'no_stream' || s === 'stream_exists') return s;
  return BigInt(s);
}
