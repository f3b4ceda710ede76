import { TOKENS, type Caller, type Stack } from './stack.js';

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
  body: any;
  text: string;
}

/** A client as a dashboard or script would be: fetch over real sockets, bearer tokens. */
export function client(stack: Stack) {
  const call = async (
    base: string,
    method: string,
    path: string,
    init: {
      body?: unknown;
      as?: Caller | null;
      headers?: Record<string, string>;
      raw?: string;
    } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...init.headers };
    const as = init.as === undefined ? 'admin' : init.as;
    if (as !== null) headers.authorization = `Bearer ${TOKENS[as]}`;
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body }),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    post: (
      path: string,
      body: unknown,
      init: { as?: Caller | null; headers?: Record<string, string> } = {},
    ) => call(stack.commandUrl, 'POST', path, { ...init, body }),
    patch: (
      path: string,
      body: unknown,
      init: { as?: Caller | null; headers?: Record<string, string> } = {},
    ) => call(stack.commandUrl, 'PATCH', path, { ...init, body }),
    raw: (
      method: string,
      path: string,
      raw: string,
      headers: Record<string, string>,
      as: Caller | null = 'admin',
    ) => call(stack.commandUrl, method, path, { raw, headers, as }),
    get: (path: string, as: Caller | null = 'viewer') => call(stack.queryUrl, 'GET', path, { as }),
    getCommand: (path: string, as: Caller | null = 'admin') =>
      call(stack.commandUrl, 'GET', path, { as }),
  };
}
