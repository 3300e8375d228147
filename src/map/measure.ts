/**
 * Text measuring for the label layout: one function, the real font's advances, cached by font and text.
 * In the browser a canvas measures with the exact font the labels are drawn in; at build time and in
 * tests src/build/font.ts reads the same numbers from a font file.
 */

export interface FontSpec {
  /** px */
  size: number;
  /** CSS weight, e.g. 600. */
  weight: number;
  /**
   * Set in capitals (CSS text-transform: uppercase) and letter-spaced by this fraction of the size (CSS
   * letter-spacing in em, added after every letter): the country names' style.
   */
  tracking?: number;
}

/** A line of text's advance width and its font's ascent and descent below the baseline, in px. */
export interface TextSize {
  width: number;
  ascent: number;
  descent: number;
}

export type Measure = (text: string, font: FontSpec) => TextSize;

/**
 * The same measurer, remembering each answer (labels are measured again on every layout), and measuring text set
 * in spaced capitals as the browser draws it: the capitals' advances plus the spacing after each letter.
 */
export function cached(measure: Measure): Measure {
  const seen = new Map<string, TextSize>();
  return (text, font) => {
    const key = `${font.weight}|${font.size}|${font.tracking ?? ''}|${text}`;
    let size = seen.get(key);
    if (!size) {
      const plain = { size: font.size, weight: font.weight };
      if (font.tracking === undefined) size = measure(text, plain);
      else {
        const caps = measure(text.toUpperCase(), plain);
        size = { ...caps, width: caps.width + font.tracking * font.size * [...text].length };
      }
      seen.set(key, size);
    }
    return size;
  };
}

/**
 * Measures with a canvas in the font family that a `text.label` in `svg` computes to (read once): what
 * the reader's browser will draw, whichever system font that turns out to be.
 */
export function canvasMeasure(svg: SVGSVGElement): Measure {
  const probe = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'text');
  probe.setAttribute('class', 'label');
  svg.appendChild(probe);
  const family = getComputedStyle(probe).fontFamily || 'sans-serif';
  probe.remove();
  const context = svg.ownerDocument.createElement('canvas').getContext('2d');
  if (!context) throw new Error('no canvas 2D context to measure labels with');
  return cached((text, { size, weight }) => {
    context.font = `${weight} ${size}px ${family}`;
    const m = context.measureText(text);
    // Font (not glyph) ascent and descent: what the text element's box spans, whatever the letters.
    return { width: m.width, ascent: m.fontBoundingBoxAscent ?? size * 0.93, descent: m.fontBoundingBoxDescent ?? size * 0.24 };
  });
}
