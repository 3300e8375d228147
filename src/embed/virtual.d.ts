/** Served by src/build/plugin.ts: every section's id, title and starting embed height, for the share dialog. */
declare module 'virtual:embeds' {
  const embeds: { id: string; title: string; height: number }[];
  export default embeds;
}
