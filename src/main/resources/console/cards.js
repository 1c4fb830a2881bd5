// Renders Feishu card JSON 1.0 (what the bot sends) into DOM nodes, the way the Feishu client
// shows it. Every piece of text becomes a text node: nothing from a card is ever parsed as HTML.
"use strict";

const PushCards = (() => {
  const TEMPLATES = ["blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine", "violet",
    "purple", "indigo", "grey"];

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // lark_md's HTML entities (&lt; &#42; ...) shown as the characters they stand for.
  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, name) => {
      if (name[0] === "#") {
        const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" }[name];
    });
  }

  // **bold** and line breaks; entities are decoded after the split, so an escaped &#42;&#42;
  // stays two literal stars, as in Feishu.
  function larkMd(content) {
    const out = el("span");
    String(content).split("**").forEach((part, i) => {
      const text = document.createTextNode(decodeEntities(part));
      if (i % 2 === 1) {
        const strong = el("strong");
        strong.appendChild(text);
        out.appendChild(strong);
      } else {
        out.appendChild(text);
      }
    });
    return out;
  }

  function textOf(text) {
    if (!text || typeof text !== "object") return el("span", "", "");
    if (text.tag === "lark_md" || text.tag === "markdown") return larkMd(text.content || "");
    return el("span", "", String(text.content || ""));
  }

  function i18nText(text, lang) {
    if (!text) return "";
    return String((text.i18n && text.i18n[lang]) || text.content || "");
  }

  function unknown(element) {
    return el("div", "card-unknown", "[element not shown by this console: " + JSON.stringify(element.tag || element) + "]");
  }

  function button(b, lang, onCallback) {
    const label = i18nText(b.text, lang);
    if (b.url) {
      const url = String(b.url);
      if (!/^https?:\/\//i.test(url)) return unknown({ tag: "button with a non-web link" });
      const a = el("a", "", label);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    const node = el("button", b.type === "primary" ? "primary" : "", label);
    node.type = "button";
    node.addEventListener("click", () => onCallback(b.value || {}, node));
    return node;
  }

  function element(e, lang, onCallback) {
    switch (e.tag) {
      case "div": {
        const div = el("div", "card-div");
        if (e.text) div.appendChild(textOf(e.text));
        if (Array.isArray(e.fields)) {
          const fields = el("div", "card-fields");
          e.fields.forEach(f => {
            const field = el("div", "card-field");
            field.appendChild(textOf(f.text));
            fields.appendChild(field);
          });
          div.appendChild(fields);
        }
        return div;
      }
      case "markdown": {
        const div = el("div", "card-div");
        div.appendChild(larkMd(e.content || ""));
        return div;
      }
      case "hr":
        return el("hr", "card-hr");
      case "note": {
        const note = el("div", "card-note");
        (e.elements || []).forEach(n => note.appendChild(n.tag === "plain_text" || n.tag === "lark_md" ? textOf(n) : unknown(n)));
        return note;
      }
      case "action": {
        const row = el("div", "card-actions");
        (e.actions || []).forEach(b => row.appendChild(b.tag === "button" ? button(b, lang, onCallback) : unknown(b)));
        return row;
      }
      default:
        return unknown(e);
    }
  }

  // The card as a DOM node; onCallback(value, buttonNode) is called for callback buttons.
  function render(card, lang, onCallback) {
    const root = el("div", "card");
    const header = card.header || {};
    const template = TEMPLATES.includes(header.template) ? header.template : "blue";
    const head = el("div", "card-header tpl-" + template);
    head.dataset.template = template;
    head.appendChild(el("div", "card-title", i18nText(header.title, lang)));
    if (header.subtitle) head.appendChild(el("div", "card-subtitle", i18nText(header.subtitle, lang)));
    root.appendChild(head);
    const body = el("div", "card-body");
    const elements = (card.i18n_elements && card.i18n_elements[lang]) || card.elements || [];
    elements.forEach(e => body.appendChild(element(e || {}, lang, onCallback)));
    root.appendChild(body);
    return root;
  }

  return { render, decodeEntities };
})();
