// Renders Feishu card JSON 1.0 (what the bot sends) into DOM nodes, the way the Feishu client
// shows it. Every piece of text becomes a text node: nothing from a card is ever parsed as HTML.
// Charts are drawn as small SVG for the chart types the bot sends (horizontal bars, funnel);
// any other spec becomes a visible placeholder, as does any element this console does not know.
"use strict";

const PushCards = (() => {
  const TEMPLATES = ["blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine", "violet",
    "purple", "indigo", "grey"];
  const TAG_COLORS = ["neutral", "blue", "turquoise", "lime", "orange", "violet", "indigo", "wathet", "green",
    "yellow", "red", "purple", "carmine"];
  const SVG = "http://www.w3.org/2000/svg";
  const BAR_COLORS = ["#3370ff", "#4bb7f2", "#34b27d"];

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

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function grouped(n) {
    return Number(n).toLocaleString("en-US");
  }

  // Horizontal bars (one per value, label left, count right) or a funnel (centred, narrowing
  // bands): the two shapes a VChart spec from the bot can take. Values must be finite numbers.
  function chart(e) {
    const spec = e.chart_spec || {};
    const data = Array.isArray(spec.data) ? spec.data[0] : spec.data;
    const values = (data && Array.isArray(data.values)) ? data.values : [];
    const horizontalBar = spec.type === "bar" && spec.direction === "horizontal";
    const funnel = spec.type === "funnel";
    const labelField = horizontalBar ? spec.yField : spec.categoryField;
    const valueField = horizontalBar ? spec.xField : spec.valueField;
    if (!(horizontalBar || funnel) || !values.length
        || values.some(v => !Number.isFinite(Number(v[valueField])))) {
      return el("div", "card-unknown card-chart-placeholder",
        "[chart not drawn by this console: " + JSON.stringify(spec.type || "no type")
        + (spec.direction ? " " + JSON.stringify(spec.direction) : "") + "; Feishu draws it]");
    }
    const width = 480, row = 30, labelWidth = 90, countWidth = 70;
    const height = values.length * row + 8;
    const max = Math.max(1, ...values.map(v => Number(v[valueField])));
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, class: "card-chart", role: "img",
      "data-type": funnel ? "funnel" : "bar" });
    values.forEach((v, i) => {
      const value = Math.max(0, Number(v[valueField]));
      const span = width - labelWidth - countWidth;
      const w = Math.max(value > 0 ? 2 : 0, Math.round(span * value / max));
      const x = funnel ? labelWidth + (span - w) / 2 : labelWidth;
      const y = 4 + i * row;
      root.appendChild(svg("text", { x: labelWidth - 8, y: y + 17, "text-anchor": "end", class: "chart-label" },
        String(v[labelField] === undefined ? "" : v[labelField])));
      root.appendChild(svg("rect", { x, y: y + 3, width: w, height: row - 10, rx: 3,
        fill: BAR_COLORS[i % BAR_COLORS.length], class: "chart-bar" }));
      root.appendChild(svg("text", { x: (funnel ? labelWidth + span : x + w) + 6, y: y + 17, class: "chart-value" },
        grouped(value)));
    });
    return root;
  }

  function columnSet(e, lang, onCallback) {
    const set = el("div", "card-columns" + (e.background_style === "grey" ? " grey" : ""));
    (e.columns || []).forEach(c => {
      const column = el("div", "card-column");
      column.style.flex = String(c.width === "weighted" ? (Number(c.weight) || 1) : 1);
      (c.elements || []).forEach(x => column.appendChild(element(x || {}, lang, onCallback)));
      set.appendChild(column);
    });
    return set;
  }

  // A collapsible panel as <details>: closed unless the card says expanded.
  function panel(e, lang, onCallback) {
    const details = el("details", "card-panel");
    details.open = e.expanded === true;
    const summary = el("summary", "card-panel-title");
    const title = (e.header && e.header.title) || {};
    summary.appendChild(title.tag === "markdown" || title.tag === "lark_md" ? larkMd(title.content || "") : textOf(title));
    details.appendChild(summary);
    (e.elements || []).forEach(x => details.appendChild(element(x || {}, lang, onCallback)));
    return details;
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
        const div = el("div", "card-div" + (e.text_align === "center" ? " centre" : ""));
        div.appendChild(larkMd(e.content || ""));
        return div;
      }
      case "chart":
        return chart(e);
      case "column_set":
        return columnSet(e, lang, onCallback);
      case "collapsible_panel":
        return panel(e, lang, onCallback);
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
    const tags = (header.i18n_text_tag_list && header.i18n_text_tag_list[lang]) || header.text_tag_list || [];
    if (tags.length) {
      const row = el("div", "card-tags");
      tags.forEach(t => {
        const color = TAG_COLORS.includes(t.color) ? t.color : "neutral";
        const tag = el("span", "card-tag tag-" + color, String((t.text && t.text.content) || ""));
        tag.dataset.color = color;
        row.appendChild(tag);
      });
      head.appendChild(row);
    }
    root.appendChild(head);
    const body = el("div", "card-body");
    const elements = (card.i18n_elements && card.i18n_elements[lang]) || card.elements || [];
    elements.forEach(e => body.appendChild(element(e || {}, lang, onCallback)));
    root.appendChild(body);
    return root;
  }

  return { render, decodeEntities, chart };
})();
