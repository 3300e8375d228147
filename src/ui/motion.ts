/**
 * The reader's motion preference: the system's prefers-reduced-motion, unless the reader has chosen
 * otherwise with the on-page toggle (remembered in localStorage).
 */
const KEY = 'korea-explainer:motion';

function stored(): 'on' | 'off' | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'on' || value === 'off' ? value : null;
  } catch {
    return null; // storage blocked (privacy settings, sandboxed iframe): fall back to the system setting
  }
}

/** True when the map should cut between states instead of animating. */
export function motionReduced(): boolean {
  const choice = stored();
  return choice ? choice === 'off' : matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Wires a <button> as the motion on/off toggle (aria-pressed = motion on) and reveals it; `signal` unwires it. */
export function mountMotionToggle(button: HTMLButtonElement, signal?: AbortSignal): void {
  const sync = (): void => {
    const on = !motionReduced();
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? 'Motion: on' : 'Motion: off';
  };
  button.addEventListener(
    'click',
    () => {
      try {
        localStorage.setItem(KEY, motionReduced() ? 'on' : 'off');
      } catch {
        // not remembered, but the choice below still applies to this page
      }
      sync();
    },
    { signal },
  );
  sync();
  button.hidden = false;
}
