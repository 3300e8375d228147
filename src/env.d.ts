/// <reference types="vite/client" />
declare module 'virtual:catalog' {
  import type { Catalog } from './map/catalog.ts';
  const catalog: Catalog;
  export default catalog;
}
declare module 'virtual:records' {
  import type { Catalog } from './map/catalog.ts';
  /** The catalog with every record's source and each fact's text (explore mode's popovers). */
  const catalog: Catalog;
  export default catalog;
}
