/**
 * A new task, so a long start is several shorter tasks: `scheduler.yield()` where the browser has it (the page's work
 * goes on ahead of other queued tasks), else a timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Starts a page's map in a few tasks: `start` registers how to stop each part it has started (`undo`) and awaits
 * `later()` between parts, which is false once stopped. A start that throws marks the map as failed; the text stays.
 * Returns a function that stops whatever has started.
 */
export function startInTasks(start: (undo: (() => void)[], later: () => Promise<boolean>) => Promise<void>): () => void {
  const undo: (() => void)[] = [];
  let stopped = false;
  const later = async (): Promise<boolean> => {
    await nextTask();
    return !stopped;
  };
  void start(undo, later).catch((error: unknown) => {
    document.querySelector('#map')?.classList.add('map-failed');
    console.error('The map could not start:', error);
  });
  return () => {
    stopped = true;
    for (const stop of undo.splice(0).reverse()) stop();
  };
}
