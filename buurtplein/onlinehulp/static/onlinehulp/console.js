/* The workers' console (online help). No framework, no build step.

   One websocket (protocol: docs/components/onlinehulp.md, "The console protocol"): the
   waiting list is fetched again on each "queue" event, a chat that becomes the worker's gets
   its panel fetched on "assigned", messages are appended by their number (a number already
   shown is skipped), and after a reconnect every panel asks for what came after its last
   number. Taking and closing are ordinary forms (they work without this script); here they are
   posted in the background so the other open chats are not disturbed.

   Alerts: a short tone (switch off/on, remembered in localStorage) and a count in the title,
   "(2) Console", for a new waiting chat and for a new message in a chat that is not in view. */
(function () {
  "use strict";
  var root = document.querySelector("[data-console]");
  if (!root || !("WebSocket" in window)) return;

  var SOUND_KEY = "onlinehulp.console.sound";
  var baseTitle = document.title;
  var socket = null;
  var delay = 1000;
  var pending = {}; // client_id -> {chat, text}: sent, not acknowledged yet
  var known = null; // ids of waiting chats seen so far (null until the first look)
  var unseen = {}; // "q:<id>" (new waiting chat) or "m:<id>" (new message) -> true

  function status(text) {
    var element = root.querySelector("[data-connection]");
    if (element) element.textContent = text || "";
  }

  /* --- alerts ------------------------------------------------------------------------------ */
  var soundButton = root.querySelector("[data-sound-toggle]");
  function soundOn() {
    try { return window.localStorage.getItem(SOUND_KEY) !== "off"; } catch (e) { return true; }
  }
  function drawSound() {
    if (!soundButton) return;
    var on = soundOn();
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    soundButton.hidden = false;
  }
  if (soundButton) {
    soundButton.addEventListener("click", function () {
      try { window.localStorage.setItem(SOUND_KEY, soundOn() ? "off" : "on"); } catch (e) { /* private mode */ }
      drawSound();
    });
    drawSound();
  }
  var audio = null;
  function beep() {
    if (!soundOn()) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch (e) { /* no audio: the title still counts */ }
  }
  function drawTitle() {
    var count = Object.keys(unseen).length;
    document.title = count ? "(" + count + ") " + baseTitle : baseTitle;
    root.setAttribute("data-unseen", String(count));
  }
  function alertFor(key) {
    unseen[key] = true;
    drawTitle();
    beep();
  }
  function seen(prefix) {
    Object.keys(unseen).forEach(function (key) {
      if (key.indexOf(prefix) === 0) delete unseen[key];
    });
    drawTitle();
  }
  function inView(panel) {
    if (document.hidden || !document.hasFocus()) return false;
    var box = panel.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }
  function checkPanelsSeen() {
    root.querySelectorAll("[data-chat]").forEach(function (panel) {
      if (unseen["m:" + panel.getAttribute("data-chat")] && inView(panel)) {
        delete unseen["m:" + panel.getAttribute("data-chat")];
        panel.classList.remove("console-panel--new");
      }
    });
    drawTitle();
  }
  function looking() {
    if (document.hidden) return;
    seen("q:");
    checkPanelsSeen();
  }
  window.addEventListener("focus", looking);
  document.addEventListener("visibilitychange", looking);
  window.addEventListener("scroll", checkPanelsSeen, { passive: true });
  root.addEventListener("focusin", function (event) {
    var panel = event.target.closest && event.target.closest("[data-chat]");
    if (panel) {
      delete unseen["m:" + panel.getAttribute("data-chat")];
      panel.classList.remove("console-panel--new");
      drawTitle();
    }
  });

  /* --- the waiting list -------------------------------------------------------------------- */
  function html(text) {
    var template = document.createElement("template");
    template.innerHTML = text.trim();
    return template.content.firstElementChild;
  }
  function get(url) {
    return window.fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      });
  }
  var queueBusy = false;
  var queueAgain = false;
  function refreshQueue() {
    if (queueBusy) { queueAgain = true; return; }
    queueBusy = true;
    get(root.getAttribute("data-queue-url")).then(function (text) {
      var fresh = html(text);
      var old = document.getElementById("console-side");
      if (!fresh || !old) return;
      var hadFocus = old.contains(document.activeElement);
      old.replaceWith(fresh);
      if (hadFocus) {
        var heading = fresh.querySelector("h2");
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
      noteWaiting();
      drawWaits();
    }).catch(function () { /* the next event fetches again */ }).then(function () {
      queueBusy = false;
      if (queueAgain) { queueAgain = false; refreshQueue(); }
    });
  }
  function noteWaiting() {
    var ids = {};
    document.querySelectorAll("[data-waiting-chat]").forEach(function (item) {
      var id = item.getAttribute("data-waiting-chat");
      ids[id] = true;
      if (known && !known[id]) alertFor("q:" + id);
    });
    Object.keys(unseen).forEach(function (key) {
      if (key.indexOf("q:") === 0 && !ids[key.slice(2)]) delete unseen[key];
    });
    known = ids;
    if (!document.hidden && document.hasFocus()) seen("q:");
    drawTitle();
  }
  function drawWaits() {
    var format = root.getAttribute("data-wait-format");
    document.querySelectorAll("time[data-since]").forEach(function (time) {
      var minutes = Math.max(0, Math.floor((Date.now() - Date.parse(time.getAttribute("datetime"))) / 60000));
      time.textContent = format.replace("__N__", String(minutes));
    });
  }
  window.setInterval(drawWaits, 15000);

  /* --- panels ------------------------------------------------------------------------------- */
  function panelOf(chat) { return root.querySelector('[data-chat="' + chat + '"]'); }
  function lastSeq(panel) {
    var items = panel.querySelectorAll("[data-messages] [data-seq]");
    return items.length ? parseInt(items[items.length - 1].getAttribute("data-seq"), 10) : 0;
  }
  function drawEmpty() {
    var empty = root.querySelector("[data-no-panels]");
    if (empty) empty.hidden = !!root.querySelector("[data-chat]");
  }
  function addPanel(chat) {
    if (panelOf(chat)) return;
    get(root.getAttribute("data-panel-url").replace("/0/", "/" + chat + "/")).then(function (text) {
      if (panelOf(chat)) return;
      var panel = html(text);
      root.querySelector("[data-panels]").appendChild(panel);
      showSnippetTools(panel);
      drawEmpty();
      resume(panel);
      var box = panel.querySelector("[data-text]");
      if (box) box.focus();
    }).catch(function () { /* shown after a reload */ });
  }
  function removePanel(chat) {
    var panel = panelOf(chat);
    if (!panel) return;
    var hadFocus = panel.contains(document.activeElement);
    var next = panel.nextElementSibling || panel.previousElementSibling;
    panel.remove();
    delete unseen["m:" + chat];
    drawTitle();
    drawEmpty();
    var target = hadFocus && next && next.querySelector && next.querySelector("[data-text]");
    if (target) target.focus();
  }
  function resume(panel) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify({ type: "resume", chat: parseInt(panel.getAttribute("data-chat"), 10), after: lastSeq(panel) }));
    }
  }
  function showMessage(event) {
    var panel = panelOf(event.chat);
    if (!panel) return;
    var list = panel.querySelector("[data-messages]");
    if (list.querySelector('[data-seq="' + event.seq + '"]')) return; // shown already
    var item = document.createElement("li");
    item.className = "chat-message chat-message--" + event.author;
    item.setAttribute("data-seq", String(event.seq));
    if (event.author === "worker" && event.worker_name) {
      var who = document.createElement("span");
      who.className = "console-who";
      who.textContent = event.worker_name + ":";
      item.appendChild(who);
      item.appendChild(document.createTextNode(" "));
    }
    item.appendChild(document.createTextNode(event.text));
    // Keep the numbers in order even when a resumed message comes after a live one.
    var after = null;
    list.querySelectorAll("[data-seq]").forEach(function (other) {
      if (!after && parseInt(other.getAttribute("data-seq"), 10) > event.seq) after = other;
    });
    list.insertBefore(item, after);
    list.scrollTop = list.scrollHeight;
    if (event.author === "asker" && !inView(panel)) {
      panel.classList.add("console-panel--new");
      alertFor("m:" + event.chat);
    }
  }
  function ended(event) {
    var panel = panelOf(event.chat);
    if (!panel) return;
    panel.setAttribute("data-state", event.state);
    if (event.state !== "closed") return;
    var note = panel.querySelector("[data-ended]");
    if (note) note.hidden = false;
    var send = panel.querySelector("[data-send]");
    if (send) send.remove();
    var details = panel.querySelector("details");
    if (details) details.open = true;
  }

  /* --- sending ------------------------------------------------------------------------------ */
  function clientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function transmit(id) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify({ type: "send", chat: pending[id].chat, text: pending[id].text, client_id: id }));
    }
  }
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("[data-send]")) {
      event.preventDefault();
      var box = form.querySelector("[data-text]");
      var text = box.value.trim();
      if (!text) return;
      var chat = parseInt(form.closest("[data-chat]").getAttribute("data-chat"), 10);
      var id = clientId();
      pending[id] = { chat: chat, text: text, box: box };
      box.value = "";
      transmit(id);
      return;
    }
    if (form.matches("[data-take]") || form.matches("[data-close]") || form.matches("[data-handover]")) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      window.fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "HX-Request": "true" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, text: text }; });
      }).then(function (result) {
        if (form.matches("[data-take]")) {
          if (!result.ok) status(result.text || root.getAttribute("data-taken-elsewhere"));
          else {
            status("");
            var item = form.closest("[data-waiting-chat]");
            if (item) addPanel(item.getAttribute("data-waiting-chat"));
          }
          refreshQueue();
        } else if (result.ok) {
          removePanel(form.closest("[data-chat]").getAttribute("data-chat"));
        } else {
          var error = form.querySelector("[data-form-error]");
          if (error) { error.textContent = result.text; error.hidden = false; }
        }
      }).catch(function () {
        status(root.getAttribute("data-offline"));
      }).then(function () { if (button) button.disabled = false; });
    }
  });
  // Enter sends, Shift+Enter makes a new line.
  root.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && event.target.matches && event.target.matches("[data-text]")) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });
  function acknowledged(event) {
    var sent = pending[event.client_id];
    delete pending[event.client_id];
    var panel = panelOf(event.chat);
    var error = panel && panel.querySelector("[data-send-error]");
    if (event.type === "error" && error) {
      error.textContent = event.error === "not_yours" ? root.getAttribute("data-taken-elsewhere") : event.error;
      error.hidden = false;
      if (sent && sent.box && !sent.box.value) sent.box.value = sent.text;
    } else if (error) {
      error.hidden = true;
    }
  }

  /* --- snippets ---------------------------------------------------------------------------- */
  // The texts of the worker's snippets, once for the page (a panel fetched later lists the same).
  var snippetTexts = {};
  try { snippetTexts = JSON.parse(document.getElementById("console-snippets").textContent) || {}; } catch (e) { /* none */ }
  function showSnippetTools(scope) {
    scope.querySelectorAll("[data-snippet-tools]").forEach(function (tools) { tools.hidden = false; });
  }
  showSnippetTools(root);
  root.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-insert-snippet]");
    if (!button) return;
    var form = button.closest("[data-send]");
    var box = form.querySelector("[data-text]");
    var text = snippetTexts[form.querySelector("[data-snippet]").value];
    if (text === undefined) return;
    // Put it where the cursor is (or replace the selection); the worker can change it.
    var start = box.selectionStart || 0;
    var end = box.selectionEnd || 0;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
  });

  /* --- the sociale kaart ------------------------------------------------------------------- */
  // A service's name, phone and link go into the answer box used last (or the first one).
  var lastBox = null;
  root.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-text]")) lastBox = event.target;
  });
  function showPasteButtons() {
    root.querySelectorAll("[data-paste-service]").forEach(function (button) {
      button.hidden = !root.querySelector("[data-text]");
    });
  }
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-kaart]")) return;
    event.preventDefault();
    var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    get(url).then(function (text) {
      var fresh = html(text);
      var old = document.getElementById("console-kaart-results");
      if (fresh && old) old.replaceWith(fresh);
      showPasteButtons();
    }).catch(function () { status(root.getAttribute("data-offline")); });
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-paste-service]");
    if (!button) return;
    var box = lastBox && document.contains(lastBox) ? lastBox : root.querySelector("[data-text]");
    if (!box) return;
    var text = button.closest("[data-service-text]").getAttribute("data-service-text");
    box.value = box.value ? box.value.replace(/\s*$/, "") + "\n" + text : text;
    box.focus();
  });

  /* --- the socket --------------------------------------------------------------------------- */
  function onEvent(event) {
    if (event.type === "queue") refreshQueue();
    else if (event.type === "presence") refreshQueue();
    else if (event.type === "assigned") addPanel(event.chat);
    else if (event.type === "released") removePanel(event.chat);
    else if (event.type === "message") showMessage(event);
    else if (event.type === "state") ended(event);
    else if (event.type === "ack") acknowledged(event);
    else if (event.type === "error" && event.client_id !== undefined) acknowledged(event);
    root.dispatchEvent(new CustomEvent("console:event", { detail: event }));
  }
  var pinger = null;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-ws"));
    socket.onopen = function () {
      delay = 1000;
      status("");
      root.setAttribute("data-live", "1");
      root.querySelectorAll("[data-chat]").forEach(resume);
      Object.keys(pending).forEach(transmit); // stored once per client id
      refreshQueue();
      window.clearInterval(pinger);
      pinger = window.setInterval(function () {
        if (socket.readyState === 1) socket.send(JSON.stringify({ type: "ping" }));
      }, 30000);
    };
    socket.onmessage = function (message) {
      try { onEvent(JSON.parse(message.data)); } catch (error) { /* ignore a garbled event */ }
    };
    socket.onclose = function () {
      root.removeAttribute("data-live");
      window.clearInterval(pinger);
      status(root.getAttribute("data-offline"));
      delay = Math.min(delay * 2, 30000);
      window.setTimeout(connect, delay);
    };
  }
  window.OnlineHelpConsole = { send: function (payload) { if (socket && socket.readyState === 1) socket.send(JSON.stringify(payload)); } };
  noteWaiting();
  drawWaits();
  drawEmpty();
  connect();
})();
