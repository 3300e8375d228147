/**
 * Every size the map is shown at, in CSS px of its SVG: what the label layout must fit without an overlap
 * or a cut (tests/unit/labels.test.ts). On phones and tablets the map fills the viewport and a step's card
 * covers up to ~45% of it from below; the camera frames the subject in the part left free, so that part
 * is listed as a size of its own.
 */
export interface MapSize {
  name: string;
  width: number;
  height: number;
}

const covered = (name: string, width: number, height: number): MapSize => ({ name: `${name}, card over the lower 45%`, width, height: Math.round(height * 0.55) });

export const MAP_SIZES: readonly MapSize[] = [
  { name: 'scroll page 320×568', width: 320, height: 568 },
  covered('scroll page 320×568', 320, 568),
  { name: 'scroll page 390×844', width: 390, height: 844 },
  covered('scroll page 390×844', 390, 844),
  { name: 'scroll page 768×1024', width: 768, height: 1024 },
  covered('scroll page 768×1024', 768, 1024),
  // Today's phone layout: a strip above the text (measured in Chromium), until the map gets the screen.
  { name: 'scroll page 390×844, map strip', width: 390, height: 322 },
  { name: 'scroll page 320×568, map strip', width: 320, height: 201 },
  // Desk: the map is the right 3/5 of the window, full height (and as measured, above its caption).
  { name: 'scroll page 1280×800', width: 768, height: 800 },
  { name: 'scroll page 1280×800, above the caption', width: 767, height: 752 },
  { name: 'scroll page 1920×1080', width: 1152, height: 1080 },
  // The deck: the right 56% of a 1280×720 slide; a portrait phone's 600×1200 slide has it above the words.
  // It is drawn smaller and scaled up (deck.css --map-zoom), so the sizes it lays out in are also listed.
  { name: 'deck slide 1280×720', width: 717, height: 640 },
  { name: 'deck slide 1280×720, drawing units', width: 576, height: 544 },
  { name: 'deck slide 600×1200', width: 600, height: 560 },
  { name: 'deck slide 600×1200, drawing units', width: 480, height: 384 },
  // Embeds: the column minus 12px padding each side, 4:5 below 480px wide, else 4:3 (src/embed.css).
  { name: 'embed 320 wide', width: 296, height: 370 },
  { name: 'embed 600 wide', width: 576, height: 432 },
  // Build-time pictures: the no-JS still map (drawn at 400×300) and the social card's map (700×630 at 1/1.5).
  { name: 'still map', width: 400, height: 300 },
  { name: 'social card', width: 467, height: 420 },
];
