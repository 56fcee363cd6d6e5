// The admin's rich-text editor: ProseMirror with a schema cut down to what the server's
// sanitizer keeps (portal/news/sanitize.py), so whatever it writes survives cleaning.
// Exposes window.PortalEditor.mount(textarea); static/js/news-editor.js calls it.
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { Schema, DOMParser, DOMSerializer } from "prosemirror-model";
import { schema as basic } from "prosemirror-schema-basic";
import { addListNodes } from "prosemirror-schema-list";
import { exampleSetup } from "prosemirror-example-setup";
import { MenuItem, Dropdown, icons, blockTypeItem, wrapItem } from "prosemirror-menu";
import { toggleMark, lift } from "prosemirror-commands";
import { undo, redo } from "prosemirror-history";

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

// Menu labels come translated from the page (data-editor-labels on the textarea); these
// English words are only the fallback.
const DEFAULT_LABELS = {
  strong: "Bold", em: "Italic", link: "Add or remove link", linkPrompt: "Link address (https://…, mailto:… or /…)",
  blockType: "Type", paragraph: "Paragraph", heading2: "Heading 2", heading3: "Heading 3", heading4: "Heading 4",
  bulletList: "Bulleted list", orderedList: "Numbered list", blockquote: "Quotation", lift: "Lift out of list or quote",
  image: "Image", imagePrompt: "Image address (/media/…)", imageAltPrompt: "Describe the image", undo: "Undo", redo: "Redo",
};

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

function markItem(type, title, icon) {
  return new MenuItem({
    title, icon,
    run: toggleMark(type),
    active(state) { return markActive(state, type); },
    enable(state) { return toggleMark(type)(state); },
  });
}

function linkItem(labels) {
  const type = schema.marks.link;
  return new MenuItem({
    title: labels.link, icon: icons.link,
    active(state) { return markActive(state, type); },
    enable(state) { return !state.selection.empty; },
    run(state, dispatch, view) {
      if (markActive(state, type)) { toggleMark(type)(state, dispatch); return true; }
      const href = (window.prompt(labels.linkPrompt, "https://") || "").trim();
      if (href) toggleMark(type, { href, title: null })(view.state, view.dispatch);
      view.focus();
      return true;
    },
  });
}

function imageItem(labels) {
  const type = schema.nodes.image;
  return new MenuItem({
    title: labels.image, label: labels.image,
    enable(state) {
      const $from = state.selection.$from;
      return !!$from.parent.type.contentMatch.matchType(type) || $from.parent.inlineContent;
    },
    run(state, dispatch, view) {
      const src = (window.prompt(labels.imagePrompt, "/media/") || "").trim();
      if (!src) return true;
      const alt = (window.prompt(labels.imageAltPrompt, "") || "").trim();
      view.dispatch(view.state.tr.replaceSelectionWith(type.createAndFill({ src, alt: alt || null })));
      view.focus();
      return true;
    },
  });
}

function menu(labels) {
  const nodes = schema.nodes;
  const heading = (level) => blockTypeItem(nodes.heading, {
    title: labels["heading" + level], label: labels["heading" + level], attrs: { level },
  });
  return [
    [markItem(schema.marks.strong, labels.strong, icons.strong), markItem(schema.marks.em, labels.em, icons.em),
     linkItem(labels)],
    [new Dropdown([
      blockTypeItem(nodes.paragraph, { title: labels.paragraph, label: labels.paragraph }),
      heading(2), heading(3), heading(4),
    ], { label: labels.blockType })],
    [wrapItem(nodes.bullet_list, { title: labels.bulletList, icon: icons.bulletList }),
     wrapItem(nodes.ordered_list, { title: labels.orderedList, icon: icons.orderedList }),
     wrapItem(nodes.blockquote, { title: labels.blockquote, icon: icons.blockquote }),
     new MenuItem({ title: labels.lift, icon: icons.lift, run: lift, select: (state) => lift(state) })],
    [imageItem(labels)],
    [new MenuItem({ title: labels.undo, icon: icons.undo, run: undo, enable: (state) => undo(state) }),
     new MenuItem({ title: labels.redo, icon: icons.redo, run: redo, enable: (state) => redo(state) })],
  ];
}

function labelsOf(textarea) {
  try {
    return Object.assign({}, DEFAULT_LABELS, JSON.parse(textarea.dataset.editorLabels || "{}"));
  } catch (error) {
    return DEFAULT_LABELS;
  }
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
      plugins: exampleSetup({ schema, menuContent: menu(labelsOf(textarea)) }),
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
