// The host's own pym.js set-up, as an editor writes it: one Parent per container.
/* global pym */
for (const slot of document.querySelectorAll('[data-pym-url]')) {
  new pym.Parent(slot.id, slot.dataset.pymUrl, { title: slot.dataset.title });
}
