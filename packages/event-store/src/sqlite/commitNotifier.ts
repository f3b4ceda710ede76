/**
 * In-process wake-ups for subscriptions: every store instance in this process that writes a file
 * notifies the subscriptions open on the same file, so they need not wait for their next poll.
 * Commits from other processes are still found by polling.
 */
const listenersByFile = new Map<string, Set<() => void>>();

export function onCommit(fileKey: string, listener: () => void): () => void {
  let listeners = listenersByFile.get(fileKey);
  if (listeners === undefined) {
    listeners = new Set();
    listenersByFile.set(fileKey, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) listenersByFile.delete(fileKey);
  };
}

export function notifyCommit(fileKey: string): void {
  const listeners = listenersByFile.get(fileKey);
  if (listeners === undefined) return;
  for (const listener of [...listeners]) listener();
}
