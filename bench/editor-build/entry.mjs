// The admin's rich-text editor: ProseMirror with a schema cut down to what the server's
// sanitizer keeps (portal/news/sanitize.py), so whatever it writes survives cleaning.
// Exposes window.PortalEditor.mount(textarea); static/js/news-editor.js calls it.
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { Schema, DOMParser, DOMSerializer } from "prosemirror-model";
import { schema as basic } from "prosemirror-schema-basic";
import { addListNodes } from "prosemirror-schema-list";
import { exampleSetup, buildMenuItems } from "prosemirror-example-setup";
import { undoItem, redoItem } from "prosemirror-menu";

const nodes = addListNodes(
  basic.spec.nodes
    .remove("code_block")
    .remove("horizontal_rule")
    .update("heading", {
      attrs: { level: { default: 2 } },
      content: "inline*",
      group: "block",
      defining: true,
      parseDOM: [
        { tag: "h1", attrs: { level: 2 } },
        { tag: "h2", attrs: { level: 2 } },
        { tag: "h3", attrs: { level: 3 } },
        { tag: "h4", attrs: { level: 4 } },
        { tag: "h5", attrs: { level: 4 } },
        { tag: "h6", attrs: { level: 4 } },
      ],
      toDOM(node) { return ["h" + node.attrs.level, 0]; },
    })
    .update("image", {
      inline: true,
      attrs: { src: {}, alt: { default: null } },
      group: "inline",
      draggable: true,
      parseDOM: [{ tag: "img[src]", getAttrs(dom) { return { src: dom.getAttribute("src"), alt: dom.getAttribute("alt") }; } }],
      toDOM(node) { return ["img", { src: node.attrs.src, alt: node.attrs.alt }]; },
    }),
  "paragraph block*",
  "block",
);
const marks = basic.spec.marks.remove("code");
const schema = new Schema({ nodes, marks });

function menu() {
  const items = buildMenuItems(schema);
  const heading = (level) => items["makeHead" + level];
  return [
    [items.toggleStrong, items.toggleEm, items.toggleLink],
    [items.makeParagraph, heading(2), heading(3), heading(4)].filter(Boolean),
    [items.wrapBulletList, items.wrapOrderedList, items.wrapBlockQuote, items.liftItem, items.sinkItem].filter(Boolean),
    [items.insertImage].filter(Boolean),
    [undoItem, redoItem],
  ];
}

function toHTML(doc) {
  const holder = document.createElement("div");
  holder.appendChild(DOMSerializer.fromSchema(schema).serializeFragment(doc.content));
  return holder.innerHTML;
}

function mount(textarea) {
  if (textarea.dataset.editorMounted) return null;
  textarea.dataset.editorMounted = "1";
  const source = document.createElement("div");
  // DOMParser from a string never runs scripts; the server cleaned the body anyway.
  source.innerHTML = new window.DOMParser().parseFromString(textarea.value || "", "text/html").body.innerHTML;
  const place = document.createElement("div");
  place.className = "portal-editor";
  textarea.insertAdjacentElement("afterend", place);
  const view = new EditorView(place, {
    state: EditorState.create({
      doc: DOMParser.fromSchema(schema).parse(source),
      plugins: exampleSetup({ schema, menuContent: menu() }),
    }),
    attributes: { "aria-label": textarea.dataset.editorLabel || "", role: "textbox", "aria-multiline": "true" },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (tr.docChanged) textarea.value = toHTML(view.state.doc);
    },
  });
  textarea.hidden = true;
  textarea.classList.add("portal-editor-source");
  return view;
}

window.PortalEditor = { mount, schema, toHTML };
