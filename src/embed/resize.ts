/**
 * Tells the host page the embed's exact height whenever it changes (load, fonts, a step, a width):
 * through pym.js's own Child when a pym Parent made the iframe, and as AMP and Datawrapper messages
 * for everyone else (embed.js listens for the AMP one).
 */
import pym from 'pym.js';
import { ampEmbedSize, datawrapperHeight, pymChildId } from './messages.ts';

export interface ResizeMessenger {
  /** Measures now and tells the host if the height changed (or `force`). */
  send(force?: boolean): void;
  stop(): void;
}

/** The content's height, rounded up: a fraction cut off would show an inner scrollbar. */
const contentHeight = (): number => Math.ceil(document.documentElement.getBoundingClientRect().height);

/** pym's Child, or null if it throws (it decodes every pym parameter, and a malformed one throws). */
function newChild(): ReturnType<typeof makeChild> | null {
  try {
    return makeChild();
  } catch {
    return null;
  }
}
const makeChild = () => new pym.Child({ polling: 0 });

export function startResizeMessages(sectionId: string): ResizeMessenger {
  const host = window.parent !== window ? window.parent : null;
  let last = -1;
  const childId = pymChildId(location.search);
  const child = host && childId ? newChild() : null;

  const send = (force = false): void => {
    const height = contentHeight();
    if (stopped || !host || (height === last && !force)) return;
    last = height;
    child?.sendMessage('height', String(height));
    host.postMessage(ampEmbedSize(height), '*');
    host.postMessage(datawrapperHeight(sectionId, height), '*');
  };
  if (child) {
    // pym answers each width message with body.offsetHeight, which rounds down fractions; send ours.
    child.sendHeight = () => {
      send(true);
      return String(last);
    };
  }

  let stopped = false;
  const observer = new ResizeObserver(() => send());
  observer.observe(document.documentElement);
  document.fonts?.ready.then(() => send());
  const onLoad = (): void => send(true);
  addEventListener('load', onLoad);
  send(true);

  return {
    send,
    stop() {
      stopped = true; // a late fonts.ready or pym request sends nothing
      observer.disconnect();
      removeEventListener('load', onLoad);
      child?.remove();
    },
  };
}
