/**
 * embed.js — for host pages with no embed script of their own:
 *   <div data-korea-explainer="<section id>"></div>
 *   <script src="https://<site>/embed.js" async></script>
 * Turns each placeholder into a lazy iframe of /embed/<id>/, whenever it appears (a MutationObserver watches
 * for placeholders a CMS, a live blog or a single-page app adds later; `KoreaExplainer.mount(root)` mounts on
 * demand), sets its height from the embed's own messages, accepted only from that iframe's window and the
 * site's origin, and re-dispatches its progress messages on the host's window as the same CustomEvents. An
 * iframe taken out of the page is forgotten. Built as a classic script; the section ids, titles and heights
 * are baked in at build (src/build/loader.ts), so ids are checked offline.
 */
import { knownSection, readEmbedSize, readProgress } from './messages.ts';
import { frameTitle } from './snippets.ts';

declare const __KOREA_SECTIONS__: { id: string; title: string; height: number }[];

const ATTRIBUTE = 'data-korea-explainer';
const DONE = 'data-korea-explainer-ready';

declare global {
  interface Window {
    KoreaExplainer?: { mount(root?: ParentNode): void };
  }
}

/** Where this script came from: the site the embeds load from. */
function siteBase(): URL | null {
  const own = document.currentScript as HTMLScriptElement | null;
  const src = own?.src || [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src).find((s) => /\/embed\.js(?:[?#]|$)/.test(s));
  return src ? new URL('.', src) : null;
}

function start(base: URL): void {
  const sections = new Map(__KOREA_SECTIONS__.map((s) => [s.id, s]));
  const ids = [...sections.keys()];
  /** Our iframes in the page; one taken out of the page is dropped, so nothing keeps it alive. */
  const frames = new Set<HTMLIFrameElement>();

  const mountOne = (placeholder: Element): void => {
    if (placeholder.hasAttribute(DONE)) return; // another copy of this script got here first
    placeholder.setAttribute(DONE, '');
    const id = knownSection(placeholder.getAttribute(ATTRIBUTE), ids);
    if (!id) {
      console.warn('embed.js: no such section; expected one of', ids.join(', '));
      return;
    }
    const section = sections.get(id)!;
    const iframe = document.createElement('iframe');
    iframe.src = new URL(`embed/${id}/`, base).href;
    iframe.title = frameTitle(section);
    iframe.loading = 'lazy';
    iframe.setAttribute('scrolling', 'no');
    iframe.width = '100%';
    iframe.height = String(section.height);
    Object.assign(iframe.style, { display: 'block', width: '100%', border: '0' });
    placeholder.replaceChildren(iframe);
  };

  /** Mounts every placeholder in `root` (an element, itself included, a document or a shadow root) and tracks its iframes. */
  const mount = (root: ParentNode = document): void => {
    if (root instanceof Element && root.hasAttribute(ATTRIBUTE)) mountOne(root);
    root.querySelectorAll(`[${ATTRIBUTE}]`).forEach(mountOne);
    root.querySelectorAll<HTMLIFrameElement>(`[${DONE}]>iframe`).forEach((f) => frames.add(f));
  };
  const forget = (): void => frames.forEach((f) => f.isConnected || frames.delete(f));

  addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== base.origin) return;
    forget();
    const frame = [...frames].find((f) => f.contentWindow === event.source);
    if (!frame) return;
    const height = readEmbedSize(event.data);
    if (height) frame.style.height = `${height}px`;
    const progress = readProgress(event.data);
    if (progress) {
      const { type, ...detail } = progress;
      dispatchEvent(new CustomEvent(type, { detail: { ...detail, iframe: frame } }));
    }
  });

  // Placeholders a CMS, live blog or single-page app adds (or marks) later, at any depth.
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') mount(r.target as Element);
      r.addedNodes.forEach((node) => node instanceof Element && mount(node));
    }
    forget();
  }).observe(document, { childList: true, subtree: true, attributeFilter: [ATTRIBUTE] });
  window.KoreaExplainer = { mount };
  mount();
}

const base = siteBase();
if (base) start(base);
