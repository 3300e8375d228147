/**
 * Reading-progress events for analytics: `korea-explainer:step` the first time in a page view that the reader
 * reaches each step, and `korea-explainer:finish` once when the last step is reached. On `window`, no personal
 * data, never per frame. The detail: the section id, the step's state id, its 1-based place in the story, the total.
 */
export const STEP_EVENT = 'korea-explainer:step';
export const FINISH_EVENT = 'korea-explainer:finish';

export interface ProgressDetail {
  section: string;
  step: string;
  /** 1-based position of the step in the whole story. */
  index: number;
  /** Number of steps in the story. */
  total: number;
}

/**
 * A deduplicating reporter for a story of `total` steps: `reached(section, step, index)` dispatches each step's
 * event once, and the finish event once, on `target` (default window).
 */
export function progressTracker(total: number, target: EventTarget = window): (section: string, step: string, index: number) => void {
  const seen = new Set<number>();
  let finished = false;
  return (section, step, index) => {
    if (seen.has(index) || index < 1 || index > total) return;
    seen.add(index);
    const detail: ProgressDetail = { section, step, index, total };
    target.dispatchEvent(new CustomEvent(STEP_EVENT, { detail }));
    if (index === total && !finished) {
      finished = true;
      target.dispatchEvent(new CustomEvent(FINISH_EVENT, { detail }));
    }
  };
}
