// The simulator page: posts a person's taps and messages to /simulator/send (the server signs
// them; this page never sees the app secret) and polls /dev/sent for what the bot sent.
"use strict";

(() => {
  const POLL_MS = 400;
  const CTA = { ALLOW: "Allow messages", GET: "Get", GET_UPDATES: "Get updates",
                OPT_IN: "Opt in", SIGN_UP: "Sign up" };
  const $ = (id) => document.getElementById(id);
  const state = { psid: "", after: 0, config: null, generation: 0 };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function randomPsid() {
    const digits = new Uint8Array(16);
    crypto.getRandomValues(digits);
    return "9" + Array.from(digits.slice(1), (d) => String(d % 10)).join("");
  }

  function lang() {
    const code = $("locale").value.split("_")[0];
    return code in state.config.menus ? code : state.config.default_language;
  }

  function status(text) { $("status").textContent = text || ""; }

  function scrollDown() { const t = $("thread"); t.scrollTop = t.scrollHeight; }

  function add(node) {
    $("get-started").hidden = true;
    $("thread").appendChild(node);
    scrollDown();
  }

  async function send(fields, echo) {
    if (echo) add(el("div", "msg me", echo));
    $("quick-replies").replaceChildren();
    const body = { psid: state.psid, locale: $("locale").value, page: state.config.page || "",
                   ...fields };
    try {
      const answer = await fetch("/simulator/send", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body) });
      const data = await answer.json();
      if (!answer.ok || data.webhook_status !== 200) {
        status("Not delivered: " + (data.error || "webhook answered " + data.webhook_status));
      } else {
        status("");
      }
    } catch (error) {
      status("The bot is not reachable: " + error);
    }
  }

  function buttonFor(button) {
    if (button.type === "web_url") {
      const link = el("a", "", button.title);
      link.href = button.url; link.target = "_blank"; link.rel = "noopener noreferrer";
      return link;
    }
    const node = el("button", "", button.title);
    node.type = "button";
    node.dataset.payload = button.payload || "";
    if (button.type === "postback") {
      node.addEventListener("click", () =>
        send({ kind: "postback", payload: button.payload, title: button.title }, button.title));
    } else {
      node.disabled = true;
    }
    return node;
  }

  function card(title, subtitle, buttons) {
    const box = el("div", "card");
    const body = el("div", "body");
    if (title) body.appendChild(el("div", "title", title));
    if (subtitle) body.appendChild(el("div", "subtitle", subtitle));
    box.appendChild(body);
    (buttons || []).forEach((b) => box.appendChild(buttonFor(b)));
    return box;
  }

  function optinCard(payload) {
    const box = card(payload.title || "Updates and promotions", "", []);
    box.classList.add("optin");
    const cta = el("button", "", CTA[payload.notification_messages_cta_text] || "Get updates");
    cta.type = "button";
    cta.addEventListener("click", () => {
      cta.disabled = true;
      const from = state.config.controller.replace(/\.$/, "");
      add(el("div", "note", "You opted in to updates from " + from + "."));
      send({ kind: "optin", payload: payload.payload, title: payload.title || "",
             timezone: payload.notification_messages_timezone || "Europe/Ljubljana" });
    });
    box.appendChild(cta);
    return box;
  }

  function template(payload) {
    switch (payload.template_type) {
      case "button": return card("", payload.text, payload.buttons);
      case "notification_messages": return optinCard(payload);
      case "generic": {
        const row = el("div", "carousel");
        (payload.elements || []).forEach((e) => row.appendChild(card(e.title, e.subtitle, e.buttons)));
        return row;
      }
      default: return el("div", "note", "[" + payload.template_type + " template]");
    }
  }

  function attachment(att) {
    if (att.type === "template") return template(att.payload || {});
    const url = (att.payload || {}).url;
    if (!url) return el("div", "msg bot", "[" + att.type + "]");
    const link = el("a", "msg bot", "📎 " + att.type);
    link.href = url; link.target = "_blank"; link.rel = "noopener noreferrer";
    return link;
  }

  function quickReplies(items) {
    const row = $("quick-replies");
    row.replaceChildren();
    (items || []).forEach((q) => {
      const node = el("button", "", q.title);
      node.type = "button";
      node.dataset.payload = q.payload;
      node.addEventListener("click", () =>
        send({ kind: "message", text: q.title, payload: q.payload }, q.title));
      row.appendChild(node);
    });
  }

  function render(message) {
    add(message.attachment ? attachment(message.attachment) : el("div", "msg bot", message.text));
    quickReplies(message.quick_replies);
  }

  // Who holds the thread: the bot, or the Page Inbox after a handover (a person answers
  // there and the bot stays silent); the developer releases it as the inbox would.
  function showHolder(holder) {
    const inbox = holder === "inbox";
    $("thread-holder").dataset.holder = inbox ? "inbox" : "bot";
    $("thread-holder-text").textContent = inbox
      ? "A person holds this thread (Page Inbox); the bot is silent."
      : "The bot answers this thread.";
    $("release").hidden = !inbox;
  }

  async function releaseThread() {
    try {
      const answer = await fetch("/simulator/release", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ psid: state.psid, page: state.config.page || "" }) });
      const data = await answer.json();
      if (answer.ok) showHolder(data.thread);
      else status("Not released: " + (data.error || answer.status));
    } catch (error) {
      status("The bot is not reachable: " + error);
    }
  }

  async function poll() {
    const generation = state.generation;
    try {
      const query = new URLSearchParams({ psid: state.psid, after: String(state.after) });
      const answer = await fetch("/dev/sent?" + query);
      const data = await answer.json();
      if (generation === state.generation && answer.ok) {
        data.messages.forEach((m) => render(m.message));
        state.after = data.next;
        showHolder(data.thread);
      }
    } catch (error) {
      status("Lost the bot: " + error);
    }
    setTimeout(poll, POLL_MS);
  }

  function switchPerson(psid) {
    state.generation += 1;
    state.psid = psid;
    state.after = 0;
    $("psid").value = psid;
    const thread = $("thread");
    thread.replaceChildren($("get-started"));
    $("get-started").hidden = false;
    $("quick-replies").replaceChildren();
    const url = new URL(location.href);
    url.searchParams.set("psid", psid);
    url.searchParams.set("locale", $("locale").value);
    history.replaceState(null, "", url);
  }

  function renderMenu() {
    const menu = $("menu");
    menu.replaceChildren();
    const items = [...state.config.menus[lang()],
                   { type: "postback", title: "Get Started", payload: state.config.get_started }];
    items.forEach((item) => {
      const node = el("button", "", item.title);
      node.type = "button";
      node.setAttribute("role", "menuitem");
      node.dataset.payload = item.payload;
      node.addEventListener("click", () => {
        toggleMenu(false);
        send({ kind: "postback", payload: item.payload, title: item.title }, item.title);
      });
      menu.appendChild(node);
    });
  }

  function toggleMenu(open) {
    $("menu").hidden = !open;
    $("menu-button").setAttribute("aria-expanded", String(open));
  }

  function wire() {
    $("menu-button").addEventListener("click", () => toggleMenu($("menu").hidden));
    $("release").addEventListener("click", releaseThread);
    $("new-person").addEventListener("click", () => switchPerson(randomPsid()));
    $("psid").addEventListener("change", () => {
      if ($("psid").checkValidity()) switchPerson($("psid").value);
    });
    $("identity").addEventListener("submit", (event) => event.preventDefault());
    $("locale").addEventListener("change", () => { renderMenu(); switchPerson(state.psid); });
    $("get-started-button").addEventListener("click", () =>
      send({ kind: "postback", payload: state.config.get_started, title: "Get Started" },
           "Get Started"));
    $("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = $("text").value.trim();
      if (!text) return;
      $("text").value = "";
      send({ kind: "message", text }, text);
    });
  }

  async function loadConfig(page) {
    const query = page ? "?" + new URLSearchParams({ page }) : "";
    state.config = await (await fetch("/simulator/config" + query)).json();
    $("page-name").textContent = state.config.controller;
  }

  function pagePicker() {
    // One deployment, many Pages: the picked Page's id goes into each simulated event.
    const pages = state.config.pages || [];
    $("page-picker").hidden = pages.length < 2;
    pages.forEach((p) => $("page").appendChild(new Option(p.name, p.id)));
    $("page").value = state.config.page;
    $("page").addEventListener("change", async () => {
      await loadConfig($("page").value);
      renderMenu();
      switchPerson(randomPsid());
    });
  }

  async function boot() {
    const params = new URLSearchParams(location.search);
    await loadConfig(params.get("page") || "");
    pagePicker();
    const locales = state.config.locales;
    locales.forEach((code) => $("locale").appendChild(new Option(code, code)));
    const wanted = params.get("locale");
    $("locale").value = locales.includes(wanted) ? wanted : locales[0];
    wire();
    renderMenu();
    switchPerson(params.get("psid") || randomPsid());
    poll();
  }

  document.addEventListener("DOMContentLoaded", boot);
})();
