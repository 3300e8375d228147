/** Explore mode's bar and its buttons: built alike by the first-press stub (explore-later.ts) and by explore.ts. */

export function button(className: string, text: string, label?: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `explore-button ${className}`;
  b.textContent = text;
  if (label) b.setAttribute('aria-label', label);
  return b;
}

/** The controls' group with its "Explore the map" button (explore.ts adds the others). */
export function exploreBar(): { bar: HTMLDivElement; enter: HTMLButtonElement } {
  const bar = document.createElement('div');
  bar.className = 'explore';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Explore the map');
  const enter = button('explore-start', 'Explore');
  // On a small phone the button shows only "Explore" (src/scroll.css); its name is always whole.
  const more = document.createElement('span');
  more.className = 'explore-more';
  more.textContent = ' the map';
  enter.append(more);
  bar.append(enter);
  return { bar, enter };
}
