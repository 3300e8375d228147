/** polylabel 2 ships no types: the one function this project calls. */
declare module 'polylabel' {
  /** The pole of inaccessibility of a polygon (rings of [x, y]), to `precision`; `distance` is its distance to the nearest edge. */
  export default function polylabel(polygon: number[][][], precision?: number, debug?: boolean): [number, number] & { distance: number };
}
