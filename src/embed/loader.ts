/**
 * embed.js — for host pages with no embed script of their own:
 *   <div data-korea-explainer="<section id>"></div>
 *   <script src="https://<site>/embed.js" async></script>
 * Turns each placeholder into a lazy iframe of /embed/<id>/ and sets its height from the embed's own
 * messages, accepted only from that iframe's window and the site's origin. Built as a classic script;
 * the section ids and titles are baked in at build (src/build/embeds.ts), so ids are checked offline.
 */
import { knownSection, readEmbedSize } from './messages.ts';
import { frameTitle } from './snippets.ts';

declare const __KOREA_SECTIONS__: { id: string; title: string; height: number }[];

const ATTRIBUTE = 'data-korea-explainer';
const DONE = 'data-korea-explainer-ready';

/** Where this script came from: the site the embeds load from. */
function siteBase(): URL | null {
  const own = document.currentScript as HTMLScriptElement | null;
  const src = own?.src || [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src).find((s) => /\/embed\.js(?:[?#]|$)/.test(s));
  return src ? new URL('.', src) : null;
}

function start(base: URL): void {
  const sections = new Map(__KOREA_SECTIONS__.map((s) => [s.id, s]));
  const ids = [...sections.keys()];
  const frames: HTMLIFrameElement[] = [];

  const mount = (placeholder: HTMLElement): void => {
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
    frames.push(iframe);
  };

  const mountAll = (): void => document.querySelectorAll<HTMLElement>(`[${ATTRIBUTE}]`).forEach(mount);

  addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== base.origin) return;
    const frame = frames.find((f) => f.contentWindow === event.source);
    const height = frame && readEmbedSize(event.data);
    if (frame && height) frame.style.height = `${height}px`;
  });
  mountAll();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll, { once: true });
}

const base = siteBase();
if (base) start(base);
