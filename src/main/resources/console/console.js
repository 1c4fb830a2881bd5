// The sandbox console: a chat with the bot through the simulator, the bot's cards, and a panel
// to play the helpdesk. Talks only to the simulator's /sim/* endpoints on this same origin.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const cards = [];  // {messageId, card, holder}: re-rendered when the language changes
  let notifications = [];
  let overLongConnection = false;  // the chat pushes over the long connection: statuses are ack codes
  let lastAskedId = "";  // the notification id last asked about: the helpdesk picker follows it
  const COMMAND_ID = /^\s*(?:@\S+\s+)?[/／](?:push-status|ps|push-watch|pw)\s+["'“”‘’]?(\d{1,32})/i;

  const lang = () => $("lang").value;

  async function postJson(path, body, raw) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": raw ? "text/plain; charset=utf-8" : "application/json" },
      body: raw ? body : JSON.stringify(body)
    });
    return { status: response.status, json: await response.json().catch(() => ({})) };
  }

  function addItem(className, who) {
    const li = document.createElement("li");
    li.className = className;
    li.appendChild(Object.assign(document.createElement("div"), { className: "who", textContent: who }));
    $("messages").appendChild(li);
    return li;
  }

  function showCard(li, entry) {
    entry.holder.replaceChildren(PushCards.render(entry.card, lang(), (value, button) => click(entry, value, button)));
    showToast(entry);
  }

  // The toast in the chosen language, coloured by its type (success, warning, error, info).
  function showToast(entry) {
    const t = entry.toastData;
    if (!t) return;
    const type = ["success", "warning", "error", "info"].includes(t.type) ? t.type : "info";
    entry.toast.className = "toast toast-" + type;
    entry.toast.dataset.type = type;
    entry.toast.textContent = t.text || (t.i18n && t.i18n[lang()]) || t.content || "";
  }

  async function click(entry, value, button) {
    button.disabled = true;
    const { status, json } = await postJson("/sim/click", { card_message_id: entry.messageId, value });
    button.disabled = false;
    const answer = json.answer || {};
    if (answer.card && answer.card.data) {
      entry.card = answer.card.data;
      showCard(null, entry);
    }
    entry.toastData = answer.toast ? answer.toast : { type: json.error ? "error" : "info",
      text: json.error || ((overLongConnection ? "bot acked with code " : "bot answered HTTP ") + (json.status || status)) };
    showToast(entry);
    refreshMetrics();
    refreshLongConnection();
    refreshFaults();
  }

  async function say(text) {
    const asked = COMMAND_ID.exec(text);
    if (asked) lastAskedId = asked[1];
    const mode = $("chat-mode").value;
    const user = addItem("user", mode === "p2p" ? "you (direct message)" : "you (group)");
    user.appendChild(Object.assign(document.createElement("div"), {
      className: "bubble",
      textContent: (mode === "group-mention" ? "@PushBot " : "") + text
    }));
    const chat = mode === "p2p" ? "p2p" : "group";
    const mention = mode === "group-mention" ? "true" : "false";
    const bot = addItem("bot", "push-status-bot");
    const line = Object.assign(document.createElement("div"), { className: "status-line", textContent: "…" });
    bot.appendChild(line);
    const { json } = await postJson("/sim/say?chat=" + chat + "&mention=" + mention, text, true);
    if (json.reply) {
      const entry = { messageId: json.message_id, card: json.reply, holder: document.createElement("div"),
        toast: Object.assign(document.createElement("div"), { className: "toast" }) };
      bot.appendChild(entry.holder);
      bot.appendChild(entry.toast);
      cards.push(entry);
      showCard(bot, entry);
      line.textContent = (overLongConnection ? "ack " : "HTTP ") + json.status + " to Feishu";
    } else {
      line.textContent = json.error ? json.error : "no reply (the bot answered Feishu with "
        + (overLongConnection ? "ack code " : "HTTP ") + json.status + ")";
    }
    $("messages").scrollTop = $("messages").scrollHeight;
    refreshMetrics();
    refreshLongConnection();
    refreshFaults();
    loadNotifications();
  }

  async function loadNotifications() {
    const keep = $("notification").value;
    notifications = await (await fetch("/sim/notifications")).json();
    const select = $("notification");
    select.replaceChildren(...notifications.map(n => Object.assign(document.createElement("option"),
      { value: n.id, textContent: n.id + "  " + n.job_name })));
    // Follow the id last asked about, when the helpdesk has it; else keep the choice.
    const follow = notifications.some(n => n.id === lastAskedId) ? lastAskedId : keep;
    if (follow) select.value = follow;
    lastAskedId = "";
    fillFields();
  }

  function fillFields() {
    const n = notifications.find(x => x.id === $("notification").value);
    if (!n) return;
    ["status", "target_user_count", "sent_user_count", "read_user_count"].forEach(f => {
      $("f-" + f).value = n[f] === null || n[f] === undefined ? "" : n[f];
    });
  }

  async function apply() {
    const id = $("notification").value;
    const body = {};
    ["status", "target_user_count", "sent_user_count", "read_user_count"].forEach(f => {
      const v = $("f-" + f).value.trim();
      body[f] = v === "" ? null : Number(v);
    });
    const { status } = await postJson("/sim/notifications/" + encodeURIComponent(id), body);
    $("applied").textContent = status === 200 ? "Saved. Ask again, or press Refresh on its card." : "Not saved (HTTP " + status + ")";
    loadNotifications();
  }

  // "Send it now": the push starts and goes out over a minute; a /push-watch card follows by itself.
  async function sendNow() {
    const id = $("notification").value;
    const { status } = await postJson("/sim/notifications/" + encodeURIComponent(id) + "/send", {});
    $("applied").textContent = status === 200
      ? "Sending now: sent and read climb over the next minute or two. Type /push-watch " + id + " to watch its card follow."
      : "Not started (HTTP " + status + ")";
    loadNotifications();
  }

  // Cards the bot updates in place (/push-watch) change here too: the simulator keeps each card's
  // latest content, as the Feishu client shows it.
  async function refreshCards() {
    if (cards.length === 0) return;
    const replies = await (await fetch("/sim/replies")).json().catch(() => []);
    for (const entry of cards) {
      const reply = replies.find(r => r.newMessageId === entry.messageId);
      if (!reply) continue;
      let card;
      try { card = JSON.parse(reply.content); } catch (e) { continue; }
      if (JSON.stringify(card) !== JSON.stringify(entry.card)) {
        entry.card = card;
        entry.toastData = { type: "info", text: lang() === "zh_cn" ? "机器人更新了这张卡片" : "the bot updated this card" };
        showCard(null, entry);
        entry.holder.dataset.updated = String(Number(entry.holder.dataset.updated || "0") + 1);
      }
    }
  }

  async function fault(kind) {
    const { status } = await postJson("/sim/faults", { kind });
    $("fault-queued").textContent = status === 200 ? "Queued: " + kind + "." : "Not queued (HTTP " + status + ")";
    refreshFaults();
  }

  async function clearFaults() {
    const response = await fetch("/sim/faults", { method: "DELETE" });
    const json = await response.json().catch(() => ({}));
    $("fault-queued").textContent = response.status === 200 ? "Cleared " + json.cleared + " queued." : "Not cleared";
    refreshFaults();
  }

  // The helpdesk faults queued lately: each waiting, used by a lookup, or cleared. A 429 makes the
  // bot wait before it calls the helpdesk again, so what is queued behind one waits too.
  async function refreshFaults() {
    const json = await (await fetch("/sim/faults")).json().catch(() => ({ faults: [] }));
    const faults = json.faults || [];
    $("fault-log").replaceChildren(...faults.slice(-8).map(f => {
      const li = document.createElement("li");
      li.className = "fault fault-" + f.state;
      li.dataset.state = f.state;
      li.textContent = f.label + " · " + f.state + (f.settled_at ? " " + new Date(f.settled_at).toLocaleTimeString() : "");
      return li;
    }));
    $("fault-empty").hidden = faults.length > 0;
    const queued = faults.filter(f => f.state === "queued");
    const last429 = faults.map(f => f.label).lastIndexOf("429");
    const behind429 = last429 >= 0 && faults.slice(last429 + 1).some(f => f.state === "queued");
    $("fault-note").hidden = !behind429;
    $("faults-clear").disabled = queued.length === 0;
  }

  /** Shows the long-connection panel when the chat goes that way, with its connections and counts. */
  async function refreshLongConnection() {
    const ws = await (await fetch("/sim/ws/status")).json().catch(() => ({}));
    overLongConnection = ws.chat === "long connection";
    $("ws-panel").hidden = !overLongConnection;
    if (!overLongConnection) return;
    $("hint").textContent = "you play a Feishu user; the simulator pushes every event to the bot over its long connection";
    const faults = (ws.faults_until_cleared || []).concat(ws.faults_once || []);
    $("ws-state").textContent = (ws.open || []).length + " open (" + (ws.open || []).join(", ") + "), "
      + ws.connects + " connects, " + ws.pushes + " pushes, " + ws.acks + " acks"
      + (faults.length ? "; faults: " + faults.join(", ") : "");
  }

  async function longConnectionFault(kind) {
    const { status } = kind === null
      ? { status: (await fetch("/sim/ws/faults", { method: "DELETE" })).status }
      : await postJson("/sim/ws/faults", { kind });
    $("ws-fault").textContent = status !== 200 ? "Not done (HTTP " + status + ")"
      : kind === null ? "Faults cleared." : "Injected once: " + kind + ".";
    refreshLongConnection();
  }

  // The bot's own series, grouped under what they tell an operator; raw text only if none parse.
  const METRIC_GROUPS = [
    ["pushbot_events", "Events by outcome"],
    ["cache_gets", "Cache lookups"],
    ["cache_", "Cache"],
    ["pushbot_cache", "Cache"],
    ["pushbot_upstream_requests", "Calls to Feishu"],
    ["pushbot_ratelimit", "Helpdesk budget (100 lookups a minute)"],
    ["pushbot_", "Other"]];
  const SERIES = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;

  function parseMetrics(text) {
    const rows = [];
    text.split("\n").forEach(line => {
      const m = SERIES.exec(line.trim());
      // Counters and gauges an operator reads; timings and Caffeine's eviction detail stay in /metrics.
      if (!m || /_(sum|max|bucket)$/.test(m[1]) || /_seconds/.test(m[1]) || /^cache_(eviction|load_duration|puts)/.test(m[1])) return;
      const labels = [];
      (m[2] || "").replace(/(\w+)="((?:[^"\\]|\\.)*)"/g, (whole, k, v) => { labels.push(k + " " + v); return whole; });
      const group = METRIC_GROUPS.find(([prefix]) => m[1].startsWith(prefix));
      const value = Number(m[3]);
      rows.push({ group: group ? group[1] : "Other", name: m[1].replace(/^pushbot_/, "").replace(/_total$/, ""),
        labels: labels.filter(l => !l.startsWith("cache ") && !l.startsWith("application ")).join(", "),
        value: Number.isInteger(value) ? value.toLocaleString("en-US") : String(Math.round(value * 1000) / 1000) });
    });
    return rows;
  }

  async function refreshMetrics() {
    const text = await (await fetch("/sim/metrics")).text();
    const rows = parseMetrics(text);
    const box = $("metrics");
    if (!rows.length) {
      box.replaceChildren(Object.assign(document.createElement("p"), { className: "small", textContent: text }));
      return;
    }
    const table = document.createElement("table");
    table.className = "metrics-table";
    let group = "";
    METRIC_GROUPS.map(g => g[1]).filter((g, i, all) => all.indexOf(g) === i).forEach(name => {
      rows.filter(r => r.group === name).forEach(r => {
        if (r.group !== group) {
          group = r.group;
          const head = table.insertRow();
          head.className = "metrics-group";
          const th = document.createElement("th");
          th.colSpan = 2;
          th.textContent = group;
          head.appendChild(th);
        }
        const tr = table.insertRow();
        tr.insertCell().textContent = r.name + (r.labels ? " · " + r.labels : "");
        const value = tr.insertCell();
        value.className = "num";
        value.textContent = r.value;
      });
    });
    box.replaceChildren(table);
  }

  $("say").addEventListener("submit", event => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    say(text);
  });
  $("lang").addEventListener("change", () => cards.forEach(entry => showCard(null, entry)));
  $("faults-clear").addEventListener("click", clearFaults);
  $("notification").addEventListener("change", fillFields);
  $("apply").addEventListener("click", apply);
  $("send-now").addEventListener("click", sendNow);
  document.querySelectorAll("[data-fault]").forEach(b => b.addEventListener("click", () => fault(b.dataset.fault)));
  $("metrics-refresh").addEventListener("click", refreshMetrics);
  document.querySelectorAll("[data-ws-fault]").forEach(b => b.addEventListener("click", () => longConnectionFault(b.dataset.wsFault)));
  document.querySelectorAll("[data-ws-clear]").forEach(b => b.addEventListener("click", () => longConnectionFault(null)));
  loadNotifications();
  refreshMetrics();
  refreshFaults();
  setInterval(refreshCards, 2000);
  // Connections come and go on their own (the bot reconnects): keep the panel current.
  refreshLongConnection().then(() => { if (overLongConnection) setInterval(refreshLongConnection, 2000); });
})();
