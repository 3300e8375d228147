/**
 * The font shipped in node_modules (Source Sans 3): the social cards are rasterised with it, and build-time
 * pictures and unit tests measure their labels with its advances and kerning, read by opentype.js.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import { cached, type Measure } from '../map/measure.ts';

export const FONT = 'Source Sans 3';

const fontDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/source-sans-3/package.json'));
const weights = { 400: '400Regular', 600: '600SemiBold', 700: '700Bold', 800: '800ExtraBold' } as const;
type Weight = keyof typeof weights;

/** The font files resvg loads, one per weight. */
export const fontFiles = Object.values(weights).map((w) => join(fontDir, w, `SourceSans3_${w}.ttf`));

const fonts = new Map<Weight, opentype.Font>();
function font(weight: number): opentype.Font {
  // The nearest weight we ship, as a browser would pick among installed faces.
  const w = (Object.keys(weights).map(Number) as Weight[]).reduce((a, b) => (Math.abs(b - weight) < Math.abs(a - weight) ? b : a));
  let f = fonts.get(w);
  if (!f) {
    const bytes = readFileSync(join(fontDir, weights[w], `SourceSans3_${weights[w]}.ttf`));
    fonts.set(w, (f = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))));
  }
  return f;
}

/**
 * Source Sans 3's advance widths plus its pair kerning, glyph by glyph (opentype.js's own shaping stops
 * at a contextual substitution this font uses), and its hhea ascent and descent.
 */
export const fontMeasure: Measure = cached((text, { size, weight }) => {
  const f = font(weight);
  const scale = size / f.unitsPerEm;
  let width = 0;
  let previous: opentype.Glyph | null = null;
  for (const ch of text) {
    const glyph = f.charToGlyph(ch);
    width += glyph.advanceWidth ?? 0;
    if (previous) width += f.getKerningValue(previous, glyph);
    previous = glyph;
  }
  return { width: width * scale, ascent: f.ascender * scale, descent: -f.descender * scale };
});
