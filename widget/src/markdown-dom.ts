// The one parser, shared with the admin's previews and the demo page (bundled: no zod comes with it).
import { type Inline, parseMarkdown } from '@clara/contract/markdown';

const inline = (doc: Document, parent: Node, nodes: Inline[]): void => {
  for (const n of nodes) {
    if (typeof n === 'string') {
      parent.appendChild(doc.createTextNode(n));
      continue;
    }
    if (n.t === 'br') {
      parent.appendChild(doc.createElement('br'));
      continue;
    }
    const el = doc.createElement(n.t === 'b' ? 'strong' : n.t === 'i' ? 'em' : 'a');
    if (n.t === 'a') {
      el.setAttribute('href', n.href);
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
    inline(doc, el, n.c);
    parent.appendChild(el);
  }
};

/** Renders message text as DOM built from text nodes and a few safe elements only. */
export function renderMarkdown(src: string, doc: Document = document): DocumentFragment {
  const frag = doc.createDocumentFragment();
  for (const b of parseMarkdown(src)) {
    const el = doc.createElement(b.t);
    if (b.t === 'p') inline(doc, el, b.c);
    else
      for (const item of b.items) {
        const li = doc.createElement('li');
        inline(doc, li, item);
        el.appendChild(li);
      }
    frag.appendChild(el);
  }
  return frag;
}
