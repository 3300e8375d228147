/**
 * A new task, so a long start is several shorter tasks: `scheduler.yield()` where the browser has it (the page's work
 * goes on ahead of other queued tasks), else a timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
