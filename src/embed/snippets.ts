/**
 * The embed code an editor pastes, in every variant: built once here for the share dialog and oembed.json.
 * Pure string work; every value is escaped for where it lands (an attribute, a JS string in HTML).
 */

export interface EmbedTarget {
  id: string;
  title: string;
  /** Absolute URL of /embed/<id>/. */
  embedUrl: string;
  /** Absolute URL of /embed.js. */
  scriptUrl: string;
  /** Starting height in px (the embed resizes itself where the host lets it). */
  height: number;
}

export type SnippetKind = 'script' | 'pym' | 'iframe';

const attr = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A JavaScript string literal that is also safe inside an HTML <script> element. */
const jsString = (value: string): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

export const frameTitle = (t: Pick<EmbedTarget, 'title'>): string => `${t.title} — an explainer`;

/** The plain iframe: fixed height, resized by hosts that run pym.js, AMP or Datawrapper's listener. */
export function iframeSnippet(t: EmbedTarget): string {
  return `<iframe src="${attr(t.embedUrl)}" title="${attr(frameTitle(t))}" width="100%" height="${Math.round(t.height)}" loading="lazy" scrolling="no" style="border:0;width:100%;max-width:100%"></iframe>`;
}

export const snippets: Record<SnippetKind, (t: EmbedTarget) => string> = {
  /** Our loader: a placeholder and one script, like pym's loader; resizes on any page. */
  script: (t) => `<div data-korea-explainer="${attr(t.id)}"></div>\n<script src="${attr(t.scriptUrl)}" async></script>`,
  /** For pages that already load pym.js. */
  pym: (t) => {
    const el = `korea-explainer-${t.id}`;
    return `<div id="${attr(el)}"></div>\n<script>new pym.Parent(${jsString(el)}, ${jsString(t.embedUrl)}, { title: ${jsString(frameTitle(t))} });</script>`;
  },
  iframe: iframeSnippet,
};
