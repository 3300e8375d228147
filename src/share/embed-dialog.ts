/**
 * "Embed this section" on the scroll page: a button in each section's header opens one shared modal
 * dialog with the embed code (self-resizing script, pym.js, plain iframe), a preview link and a copy
 * button. Everything is built with DOM APIs and text; URLs come from where the page is served.
 */
import embeds from 'virtual:embeds';
import { snippets, type EmbedTarget, type SnippetKind } from '../embed/snippets.ts';
import './embed-dialog.css';

const VARIANTS: { kind: SnippetKind; label: string; hint: string }[] = [
  { kind: 'script', label: 'Self-resizing (recommended)', hint: 'Works on any page: a placeholder and one script, which loads the section lazily and keeps the frame exactly as tall as its content.' },
  { kind: 'pym', label: 'pym.js', hint: 'For pages that already load pym.js: its Parent creates the frame and the section sizes it.' },
  { kind: 'iframe', label: 'Plain iframe', hint: 'No script of ours. Pages running Datawrapper’s or AMP’s resize listener fit it to its content; elsewhere it keeps this height.' },
];

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

interface ShareDialog {
  open(target: EmbedTarget, opener: HTMLElement): void;
}

function createDialog(): ShareDialog {
  let target: EmbedTarget | null = null;
  let opener: HTMLElement | null = null;
  const title = h('h2', { id: 'share-title', className: 'share-title' });
  const code = h('textarea', { id: 'share-code', className: 'share-code', readOnly: true, rows: 5, spellcheck: false });
  const hint = h('p', { id: 'share-hint', className: 'share-hint' });
  const status = h('span', { className: 'share-status', role: 'status' });
  const copy = h('button', { type: 'button', className: 'share-button share-copy' }, 'Copy code');
  const close = h('button', { type: 'button', className: 'share-button share-close' }, 'Close');
  const preview = h('a', { className: 'share-preview', target: '_blank', rel: 'noopener' }, 'Preview the embed');
  const radios = VARIANTS.map((v, i) => h('input', { type: 'radio', name: 'share-kind', value: v.kind, id: `share-kind-${v.kind}`, checked: i === 0 }));
  const fieldset = h('fieldset', { className: 'share-kinds' }, h('legend', {}, 'Code for'), ...VARIANTS.map((v, i) => h('label', { htmlFor: radios[i].id }, radios[i], ` ${v.label}`)));
  code.setAttribute('aria-describedby', 'share-hint');
  const dialog = h(
    'dialog',
    { className: 'share-dialog' },
    title,
    h('p', { className: 'share-lead' }, 'Paste this code into your page where the section should appear.'),
    fieldset,
    h('label', { htmlFor: code.id, className: 'share-label' }, 'Embed code'),
    code,
    hint,
    h('div', { className: 'share-actions' }, copy, status, preview, close),
  );
  dialog.setAttribute('aria-labelledby', title.id);

  const kind = (): SnippetKind => (radios.find((r) => r.checked)?.value as SnippetKind) ?? 'script';
  const update = (): void => {
    if (!target) return;
    code.value = snippets[kind()](target);
    hint.textContent = VARIANTS.find((v) => v.kind === kind())!.hint;
    status.textContent = '';
  };
  for (const r of radios) r.addEventListener('change', update);

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.value);
    } catch {
      // No async clipboard (older browser, or permission refused): copy the selection instead.
      code.select();
      if (!document.execCommand('copy')) {
        status.textContent = 'Select the code and copy it (Ctrl+C or ⌘C).';
        return;
      }
    }
    status.textContent = 'Copied to the clipboard.';
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus());
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.body.append(dialog);

  return {
    open(next, from) {
      target = next;
      opener = from;
      title.textContent = `Embed “${next.title}”`;
      preview.href = next.embedUrl;
      update();
      dialog.showModal();
      code.focus();
      code.select();
    },
  };
}

/** Adds the "Embed this section" button to every section on the page that has an embed. */
export function attachEmbedControls(root: ParentNode = document): void {
  const site = new URL(import.meta.env.BASE_URL, location.href);
  let dialog: ShareDialog | null = null;
  for (const e of embeds) {
    const head = root.querySelector<HTMLElement>(`section.section[id="${CSS.escape(e.id)}"] .section-head`);
    if (!head || head.querySelector('.share-open')) continue;
    const target: EmbedTarget = { ...e, embedUrl: new URL(`embed/${e.id}/`, site).href, scriptUrl: new URL('embed.js', site).href };
    // On a small phone the button shows only "Embed" (src/scroll.css); its name is always whole.
    const button = h('button', { type: 'button', className: 'share-open' }, 'Embed', h('span', { className: 'share-more' }, ' this section'));
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-label', `Embed this section: ${e.title}`);
    button.addEventListener('click', () => (dialog ??= createDialog()).open(target, button));
    head.append(button);
  }
}

