/**
 * reveal.js's speaker notes plugin, loaded when a presenter first wants it — S, `?notes`, or a speaker view left open
 * across a reload (its heartbeat) — rather than with the deck: evaluating it (it carries a markdown parser) was about
 * 60 ms of the deck's start on a 4×-slowed phone (median of five traces), for a view no reader opens. Once loaded,
 * it is the plugin itself, doing what it always does.
 */
import type { RevealApi, RevealPlugin } from 'reveal.js';
import type { NotesPlugin } from 'reveal.js/plugin/notes';

const S = 83;

export function notesLater(): RevealPlugin {
  let deck: RevealApi;
  let notes: Promise<NotesPlugin | null> | null = null;
  /** The plugin, started; null (and asked for again next time) if its code could not load. */
  const load = (): Promise<NotesPlugin | null> =>
    (notes ??= import('reveal.js/plugin/notes')
      .then(({ default: Notes }) => {
        const plugin = Notes();
        // Its init binds S to itself, listens for a speaker view's heartbeat, and opens the view under ?notes.
        void plugin.init?.(deck);
        return plugin;
      })
      .catch((error: unknown) => {
        notes = null;
        console.error('The speaker notes could not load:', error);
        return null;
      }));
  // A speaker view open before a reload beats every second: the plugin, once here, answers the next beat.
  const beat = (event: MessageEvent): void => {
    if (event.origin !== location.origin || typeof event.data !== 'string' || !event.data.includes('"heartbeat"')) return;
    removeEventListener('message', beat);
    void load();
  };
  return {
    id: 'notes-later',
    init(api: RevealApi) {
      deck = api;
      // The speaker view's previews load the deck with ?receiver; the plugin does nothing there either.
      if (/receiver/i.test(location.search)) return;
      if (/[?&]notes/i.test(location.search)) return void load();
      // The first S loads the plugin and opens the view (the key press still counts as the presenter's gesture).
      deck.addKeyBinding({ keyCode: S, key: 'S', description: 'Speaker notes view' }, () => void load().then((plugin) => plugin?.open()));
      addEventListener('message', beat);
    },
    destroy: () => removeEventListener('message', beat),
  };
}
