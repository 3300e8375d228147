/// <reference types="vite/client" />
declare module 'virtual:catalog' {
  import type { Catalog } from './map/catalog.ts';
  const catalog: Catalog;
  export default catalog;
}
