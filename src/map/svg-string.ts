/**
 * The scene as one SVG string, base included as vector paths: the painter of the build's still maps, the
 * print deck's social cards and the picture tests. No DOM: runs in Node as it is.
 */
import { attrValue, baseShapes, clipId, DEFS, type Attrs, type Scene, type SceneBase, type Shape } from './scene.ts';

export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

const attrs = (a: Attrs): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeAttr(attrValue(v))}"`)
    .join('');

const element = ({ tag, attrs: a, text }: Shape): string => (text === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${escapeText(text)}</${tag}>`);
const group = (a: Attrs, children: string[]): string => `<g${attrs(a)}>${children.join('')}</g>`;

/** Sea, then land, the fills and the borders in a group. */
function baseMarkup(b: SceneBase): string[] {
  const [sea, land, ...rest] = baseShapes(b);
  const borders = rest.pop()!;
  return [element(sea), group({ class: 'base' }, [element(land), group({ class: 'fills' }, rest.map(element)), element(borders)])];
}

/** Which layers to write: both for a picture; one alone for the picture tests (the overlay as text, the base as pixels). */
export interface Layers {
  base?: boolean;
  overlay?: boolean;
}

/**
 * The scene as an <svg> element's markup; `rootAttrs` are added to the <svg> (namespace, size, role), `head` is
 * markup placed first inside it (a title, a style sheet). One element per line, so a change reads as a small diff.
 */
export function sceneSvg(s: Scene, rootAttrs: Attrs = {}, head = '', { base = true, overlay = true }: Layers = {}): string {
  const body = s.panels.map((p) => {
    const { x, y, width, height } = p.base.paint;
    const clip = `<clipPath id="${clipId(p.key)}">${element({ key: 'clip', tag: 'rect', attrs: { x, y, width, height } })}</clipPath>`;
    const panel = group({ class: 'panel', 'data-key': p.key, 'clip-path': `url(#${clipId(p.key)})`, 'data-region': p.region, ...(p.opacity < 1 ? { opacity: String(p.opacity) } : {}) }, [
      ...(base ? baseMarkup(p.base) : []),
      ...(overlay ? [group({ class: 'overlay' }, [...p.shapes.map(element), group({ class: 'places' }, p.places.map(element)), group({ class: 'labels' }, p.labels.map(element))])] : []),
    ]);
    return clip + panel;
  });
  const markup = `<svg${attrs({ ...rootAttrs, viewBox: `0 0 ${attrValue(s.width)} ${attrValue(s.height)}` })}>${head}<defs>${DEFS}</defs>${body.join('')}${overlay ? s.dividers.map(element).join('') : ''}</svg>`;
  return markup.replace(/></g, '>\n<');
}
