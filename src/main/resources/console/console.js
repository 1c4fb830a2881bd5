// The sandbox console: a chat with the bot through the simulator, the bot's cards, and a panel
// to play the helpdesk. Talks only to the simulator's /sim/* endpoints on this same origin.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const cards = [];  // {messageId, card, holder}: re-rendered when the language changes
  let notifications = [];
  let overLongConnection = false;  // the chat pushes over the long connection: statuses are ack codes

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
    const toast = answer.toast ? ((answer.toast.i18n && answer.toast.i18n[lang()]) || answer.toast.content) : "";
    entry.toast.textContent = toast || json.error
      || ((overLongConnection ? "bot acked with code " : "bot answered HTTP ") + (json.status || status));
    refreshMetrics();
    refreshLongConnection();
  }

  async function say(text) {
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
    loadNotifications();
  }

  async function loadNotifications() {
    const keep = $("notification").value;
    notifications = await (await fetch("/sim/notifications")).json();
    const select = $("notification");
    select.replaceChildren(...notifications.map(n => Object.assign(document.createElement("option"),
      { value: n.id, textContent: n.id + "  " + n.job_name })));
    if (keep) select.value = keep;
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

  async function fault(kind) {
    const { status } = await postJson("/sim/faults", { kind });
    $("fault-queued").textContent = status === 200 ? "Queued: the next helpdesk lookup answers " + kind + "." : "Not queued";
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

  async function refreshMetrics() {
    $("metrics").textContent = await (await fetch("/sim/metrics")).text();
  }

  $("say").addEventListener("submit", event => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    say(text);
  });
  $("lang").addEventListener("change", () => cards.forEach(entry => showCard(null, entry)));
  $("notification").addEventListener("change", fillFields);
  $("apply").addEventListener("click", apply);
  document.querySelectorAll("[data-fault]").forEach(b => b.addEventListener("click", () => fault(b.dataset.fault)));
  $("metrics-refresh").addEventListener("click", refreshMetrics);
  document.querySelectorAll("[data-ws-fault]").forEach(b => b.addEventListener("click", () => longConnectionFault(b.dataset.wsFault)));
  document.querySelectorAll("[data-ws-clear]").forEach(b => b.addEventListener("click", () => longConnectionFault(null)));
  loadNotifications();
  refreshMetrics();
  // Connections come and go on their own (the bot reconnects): keep the panel current.
  refreshLongConnection().then(() => { if (overLongConnection) setInterval(refreshLongConnection, 2000); });
})();
