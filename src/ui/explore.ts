/**
 * Explore mode, the same in every mode: "Explore the map" lets the reader pan and zoom the current picture (drag,
 * pinch, Ctrl/⌘ + wheel, the + / − buttons, and arrows, + and - while the map has focus), and tap, hover or
 * focus a place or event for its name, its record in data/ and its source. "Back to the story" or Esc returns to
 * the step's own view; the story moving on (a scroll, Next, a fragment) ends it too. The step, the URL and the
 * text never move. A plain wheel always scrolls the page. While exploring the map's root has data-exploring.
 */
import { geoContains } from 'd3-geo';
import { look, type Cameras, type Look } from '../map/camera.ts';
import type { Catalog, SourceRef } from '../map/catalog.ts';
import { loadRegion } from '../map/geometry.ts';
import type { MapController } from '../map/map.ts';
import { projectionFor } from '../map/projection.ts';
import { button, exploreBar } from './explore-bar.ts';

export interface ExploreController {
  readonly exploring: boolean;
  start(): void;
  /** Back to the story's view (with its transition). */
  stop(): void;
  destroy(): void;
}

/** Something on the map the reader can ask about: a marked place or a dated arc. */
interface Mark {
  key: string;
  name: string;
  lonLat: [number, number];
  panel: string;
  info: { text: string; source?: SourceRef }[];
}

const PAN_STEP = 48;
const ZOOM_STEP = 1.4;
/** A pointer that moved less than this (px) and lifted was a tap. */
const TAP = 8;

const dates = (e: { date: string; end?: string }): string => (e.end ? `${e.date} to ${e.end}` : e.date);

/** The places and arcs of the picture now drawn, with what data/ says of each. */
function marksOf(map: MapController, catalog: Catalog): Mark[] {
  const marks: Mark[] = [];
  for (const { panel } of map.panels()) {
    for (const { value: m, w } of panel.places) {
      const place = catalog.places[m.id];
      if (!place || w < 0.5) continue;
      const info: Mark['info'] = [{ text: `${place.name}: ${Math.abs(place.lat).toFixed(2)}° ${place.lat >= 0 ? 'N' : 'S'}, ${Math.abs(place.lon).toFixed(2)}° ${place.lon >= 0 ? 'E' : 'W'}`, source: place.source }];
      const fact = m.fact ? catalog.facts[m.fact] : undefined;
      if (fact?.text) info.push({ text: `${fact.text}${fact.context ? ' (context)' : ''}`, source: fact.source });
      const event = m.event ? catalog.events[m.event] : undefined;
      if (event) info.push({ text: `${event.label}, ${dates(event)}`, source: event.source });
      for (const { value: arc } of panel.arcs) {
        const e = catalog.events[arc.event];
        if (e && (arc.from === m.id || arc.to === m.id)) info.push({ text: `${e.label}, ${dates(e)}${e.context ? ' (context)' : ''}`, source: e.source });
      }
      marks.push({ key: `${panel.key}|${m.id}`, name: m.label || place.name, lonLat: [place.lon, place.lat], panel: panel.key, info });
    }
    for (const { value: arc, w } of panel.arcs) {
      const e = catalog.events[arc.event];
      const [a, b] = [catalog.places[arc.from], catalog.places[arc.to]];
      if (!e || !a || !b || w < 0.5) continue;
      const how = arc.kind === 'call' ? `a phone call between ${a.name} and ${b.name}` : `a trip from ${a.name} to ${b.name}`;
      marks.push({ key: `${panel.key}|arc:${arc.event}`, name: arc.label, lonLat: [(a.lon + b.lon) / 2, (a.lat + b.lat) / 2], panel: panel.key, info: [{ text: `${e.label}, ${dates(e)}: ${how}${e.context ? ' (context)' : ''}`, source: e.source }] });
    }
  }
  return marks;
}

/**
 * Mounts explore mode on a map figure made by mapFigureHtml (its .map-tools holds the controls). Returns a
 * controller; modes need do nothing else, since the map ends exploring itself when the story moves on.
 */
export function mountExplore(root: HTMLElement, map: MapController, catalog: Catalog): ExploreController {
  const svg = root.querySelector<SVGSVGElement>('svg.map-svg')!;
  const tools = root.querySelector<HTMLElement>('.map-tools')!;
  const live = root.querySelector<HTMLElement>('.map-live');
  const listening = new AbortController();
  const { signal } = listening;

  const { bar, enter } = exploreBar();
  const back = button('explore-back', 'Back to the story');
  const zoomOut = button('explore-zoom', '−', 'Zoom out');
  const zoomIn = button('explore-zoom', '+', 'Zoom in');
  bar.append(back, zoomOut, zoomIn);
  const places = document.createElement('div');
  places.className = 'explore-places';
  places.setAttribute('role', 'group');
  places.setAttribute('aria-label', 'Places and events on this map');
  const info = document.createElement('div');
  info.className = 'explore-info';
  info.id = `${root.id || 'map'}-explore-info`;
  const help = document.createElement('p');
  help.className = 'visually-hidden';
  help.id = `${root.id || 'map'}-explore-help`;
  help.textContent = 'Exploring: drag or use the arrow keys to pan, pinch, Ctrl and the wheel, or plus and minus to zoom; Escape returns to the story.';
  const panel = document.createElement('div');
  panel.className = 'explore-panel';
  panel.append(places, info);
  tools.prepend(bar);
  tools.append(panel, help);

  let exploring = false;
  let cameras: Cameras = {};
  let rest = 0;

  const say = (text: string): void => {
    if (live) live.textContent = text;
  };
  const sync = (): void => {
    enter.hidden = exploring;
    back.hidden = zoomIn.hidden = zoomOut.hidden = places.hidden = !exploring;
    if (!exploring) info.hidden = true;
  };

  /** Applies a gesture to every panel (or the one under `at`), then lays the labels out for the view once it rests. */
  const move = (gesture: Look, only?: string): void => {
    if (!exploring) return;
    for (const { panel, box, camera, home } of map.panels()) {
      if (only && panel.key !== only) continue;
      cameras[panel.key] = look(cameras[panel.key] ?? camera, home, box, gesture);
    }
    map.setCameras({ ...cameras });
    clearTimeout(rest);
    rest = window.setTimeout(() => exploring && map.setCameras({ ...cameras }, true), 180);
  };

  /** Client coordinates → the map's drawing units (the deck scales its map with a CSS transform). */
  const toMap = (x: number, y: number): [number, number] => {
    const m = svg.getScreenCTM();
    if (!m) return [x, y];
    const p = new DOMPoint(x, y).matrixTransform(m.inverse());
    return [p.x, p.y];
  };
  const scale = (): number => svg.getScreenCTM()?.a ?? 1;
  const panelAt = ([x, y]: [number, number]) => map.panels().find(({ box }) => x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height);

  const showInfo = (title: string, lines: Mark['info']): void => {
    const head = document.createElement('p');
    head.className = 'explore-info-name';
    head.textContent = title;
    const rows = lines.map(({ text, source }) => {
      const p = document.createElement('p');
      p.append(text);
      if (source) {
        p.append(' — ');
        const a = source.url ? document.createElement('a') : document.createElement('cite');
        a.textContent = source.title;
        if (a instanceof HTMLAnchorElement) {
          a.href = source.url!;
          a.rel = 'noopener';
          a.target = '_blank';
        }
        p.append(a);
      }
      return p;
    });
    info.replaceChildren(head, ...rows);
    info.hidden = false;
  };

  /** What is under a point: the nearest marked place or arc within reach, else the country. */
  const hit = async (at: [number, number]): Promise<{ title: string; lines: Mark['info'] } | null> => {
    const under = panelAt(at);
    if (!under) return null;
    const projection = projectionFor(under.camera, under.box);
    let best: { mark: Mark; d: number } | null = null;
    for (const mark of marksOf(map, catalog)) {
      if (mark.panel !== under.panel.key) continue;
      const q = projection(mark.lonLat);
      const d = q ? Math.hypot(q[0] - at[0], q[1] - at[1]) : Infinity;
      if (d < 22 && (!best || d < best.d)) best = { mark, d };
    }
    if (best) return { title: best.mark.name, lines: best.mark.info };
    const lonLat = projection.invert?.(at);
    if (!lonLat) return null;
    const geo = await loadRegion(under.panel.regions[under.panel.regions.length - 1]);
    const country = geo.countries.find((c) => geoContains(c as GeoJSON.Feature, lonLat));
    return country ? { title: country.properties.name, lines: [] } : null;
  };

  const ask = (at: [number, number], announce: boolean): void => {
    void hit(at).then((found) => {
      if (!found || !exploring) return;
      showInfo(found.title, found.lines);
      if (announce) say(`${found.title}. ${found.lines.map((l) => l.text).join('. ')}`);
    });
  };

  /** Buttons for the picture's places and events: keyboard and screen-reader readers reach each one. */
  const listMarks = (): void => {
    const marks = marksOf(map, catalog);
    places.replaceChildren(
      ...marks.map((mark) => {
        const b = button('explore-mark', mark.name);
        b.setAttribute('aria-describedby', info.id);
        const open = (): void => showInfo(mark.name, mark.info);
        b.addEventListener('focus', open);
        b.addEventListener('click', () => {
          open();
          // Bring it to the middle of its panel.
          const under = map.panels().find((p) => p.panel.key === mark.panel);
          const q = under && projectionFor(under.camera, under.box)(mark.lonLat);
          if (under && q) move({ dx: under.box.x + under.box.width / 2 - q[0], dy: under.box.y + under.box.height / 2 - q[1] }, mark.panel);
        });
        return b;
      }),
    );
  };

  const start = (): void => {
    if (exploring || map.panels().length === 0) return;
    exploring = true;
    cameras = Object.fromEntries(map.panels().map(({ panel, camera }) => [panel.key, camera]));
    root.dataset.exploring = '';
    svg.setAttribute('tabindex', '0');
    svg.setAttribute('aria-describedby', help.id);
    sync();
    listMarks();
    map.setCameras({ ...cameras });
    svg.focus({ preventScroll: true });
    say('Exploring the map. Drag or use the arrow keys to pan, plus and minus to zoom, Escape to go back to the story.');
  };

  /** Ends exploring; `restore`: return the camera to the step's view (not when the story moved on by itself). */
  const end = (restore: boolean): void => {
    if (!exploring) return;
    exploring = false;
    cameras = {};
    clearTimeout(rest);
    delete root.dataset.exploring;
    const hadFocus = root.contains(document.activeElement) && document.activeElement !== enter;
    svg.removeAttribute('tabindex');
    svg.removeAttribute('aria-describedby');
    sync();
    places.replaceChildren();
    if (restore) map.setCameras(null);
    if (hadFocus) enter.focus({ preventScroll: true });
    say('Back to the story.');
  };

  enter.addEventListener('click', start, { signal });
  back.addEventListener('click', () => end(true), { signal });
  zoomIn.addEventListener('click', () => move({ k: ZOOM_STEP }), { signal });
  zoomOut.addEventListener('click', () => move({ k: 1 / ZOOM_STEP }), { signal });

  // The story moved on (a scroll, Next, a fragment): the map has dropped the reader's cameras already.
  const watch = new MutationObserver(() => end(false));
  watch.observe(root, { attributes: true, attributeFilter: ['data-map-target'] });

  // Esc anywhere ends exploring, before the deck can take it for its overview.
  addEventListener(
    'keydown',
    (e) => {
      if (exploring && e.key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        end(true);
      }
    },
    { capture: true, signal },
  );
  // Arrows, + and - while the map itself has focus; they do not reach the deck's own keys.
  svg.addEventListener(
    'keydown',
    (e) => {
      if (!exploring || e.altKey || e.ctrlKey || e.metaKey) return;
      const step = PAN_STEP * (e.shiftKey ? 3 : 1);
      const gestures: Record<string, Look> = {
        ArrowLeft: { dx: step },
        ArrowRight: { dx: -step },
        ArrowUp: { dy: step },
        ArrowDown: { dy: -step },
        '+': { k: ZOOM_STEP },
        '=': { k: ZOOM_STEP },
        '-': { k: 1 / ZOOM_STEP },
        _: { k: 1 / ZOOM_STEP },
      };
      const gesture = gestures[e.key];
      if (!gesture) return;
      e.preventDefault();
      e.stopPropagation();
      move(gesture);
    },
    { signal },
  );

  // Pointers: one drags, two pinch; a short press that barely moved is a tap. Mouse hover names what is under it.
  const pointers = new Map<number, { x: number; y: number; x0: number; y0: number; t0: number }>();
  svg.addEventListener(
    'pointerdown',
    (e) => {
      if (!exploring) return;
      e.stopPropagation(); // not a swipe to the deck's next slide
      svg.setPointerCapture(e.pointerId);
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY, t0: e.timeStamp });
    },
    { signal },
  );
  svg.addEventListener(
    'pointermove',
    (e) => {
      if (!exploring) return;
      e.stopPropagation();
      const p = pointers.get(e.pointerId);
      if (!p) {
        if (e.pointerType === 'mouse' && e.buttons === 0) hover(e.clientX, e.clientY);
        return;
      }
      const s = scale();
      if (pointers.size === 1) {
        move({ dx: (e.clientX - p.x) / s, dy: (e.clientY - p.y) / s });
      } else {
        const other = [...pointers.entries()].find(([id]) => id !== e.pointerId)![1];
        const before = Math.hypot(p.x - other.x, p.y - other.y);
        const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
        const mid = toMap((e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
        // Half the moving finger's travel pans: the midpoint moves half as far.
        move({ dx: (e.clientX - p.x) / s / 2, dy: (e.clientY - p.y) / s / 2, k: before > 0 ? after / before : 1, at: mid });
      }
      p.x = e.clientX;
      p.y = e.clientY;
    },
    { signal },
  );
  let hovering = 0;
  const hover = (x: number, y: number): void => {
    cancelAnimationFrame(hovering);
    hovering = requestAnimationFrame(() => ask(toMap(x, y), false));
  };
  // Touches stay with the map while exploring (the deck would take a drag for a swipe).
  for (const type of ['touchstart', 'touchmove'] as const) svg.addEventListener(type, (e) => exploring && e.stopPropagation(), { passive: true, signal });
  const lift = (e: PointerEvent): void => {
    if (exploring) e.stopPropagation();
    const p = pointers.get(e.pointerId);
    pointers.delete(e.pointerId);
    if (p && e.type === 'pointerup' && pointers.size === 0 && Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < TAP) ask(toMap(e.clientX, e.clientY), true);
  };
  svg.addEventListener('pointerup', lift, { signal });
  svg.addEventListener('pointercancel', lift, { signal });
  // Ctrl/⌘ + wheel (and a trackpad's pinch, which browsers send as one) zooms; a plain wheel is left to the page.
  svg.addEventListener(
    'wheel',
    (e) => {
      if (!exploring || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const at = toMap(e.clientX, e.clientY);
      move({ k: Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), at }, panelAt(at)?.panel.key);
    },
    { passive: false, signal },
  );

  sync();
  return {
    get exploring() {
      return exploring;
    },
    start,
    stop: () => end(true),
    destroy() {
      end(false);
      watch.disconnect();
      listening.abort();
      clearTimeout(rest);
      cancelAnimationFrame(hovering);
      bar.remove();
      panel.remove();
      help.remove();
    },
  };
}
