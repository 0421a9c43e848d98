/* The asker's chat, live over the websocket (consumers.AskerConsumer; the protocol is in
   docs/components/onlinehulp.md, "The chat protocol"). No framework, no build step.

   - The token goes in the first frame ("hello"), never in the socket's address.
   - A message shows at once as "Sending…" and is confirmed by its ack (or by its own message
     event, whichever comes first); a lost connection reconnects with backoff (1, 2, 4 … 30 s)
     and sends the unconfirmed messages again with the same client_id (stored once).
   - Messages are numbered (seq): a number the page has is dropped, so nothing shows twice.
   - A crisis word (the server says "crisis": true) shows the block with 113 and 112 at once. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root || !("WebSocket" in window)) return;
  var list = document.getElementById("chat-messages");
  var status = document.getElementById("chat-status");
  var form = document.getElementById("chat-compose");
  var box = document.getElementById("chat-text");
  var crisisBlock = document.getElementById("chat-crisis");
  var after = document.getElementById("chat-after");
  var printButton = document.getElementById("chat-print");
  var t = function (name) { return root.getAttribute("data-t-" + name) || ""; };

  var seen = {};
  Array.prototype.forEach.call(list.querySelectorAll("[data-seq]"), function (item) {
    seen[item.getAttribute("data-seq")] = true;
  });
  // What to ask for after a reconnect: the last number up to which the page has them all
  // (messages can arrive out of order, so not the highest it has).
  var lastSeq = 0;
  function settleSeq() { while (seen[lastSeq + 1]) lastSeq += 1; }
  settleSeq();
  var pending = []; // [{id, text, item}] in the order typed
  var socket = null;
  var ready = false; // hello answered: the state frame came
  var ended = root.getAttribute("data-chat-state") === "closed";
  var refused = false;
  var delay = 1000;

  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
  if (ended) return;
  if (form) form.hidden = false;

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function messageItem(author, who, text) {
    var item = document.createElement("li");
    item.className = "chat-message chat-message--" + author;
    var name = document.createElement("span");
    name.className = "chat-who";
    name.textContent = who;
    var body = document.createElement("span");
    body.className = "chat-text";
    body.textContent = text;
    item.appendChild(name);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(body);
    return item;
  }

  function confirm(entry, seq) {
    entry.item.setAttribute("data-seq", String(seq));
    entry.item.classList.remove("chat-message--sending");
    var note = entry.item.querySelector(".chat-pending");
    if (note) note.remove();
    seen[seq] = true;
    settleSeq();
    pending = pending.filter(function (other) { return other !== entry; });
  }

  function showCrisis() {
    if (crisisBlock && crisisBlock.hidden) crisisBlock.hidden = false;
  }

  function onMessage(event) {
    if (event.crisis) showCrisis();
    if (seen[event.seq]) return;
    var mine = pending.filter(function (entry) { return entry.id === event.client_id && event.client_id; })[0];
    if (mine) {
      confirm(mine, event.seq);
      return;
    }
    seen[event.seq] = true;
    settleSeq();
    var who = event.author === "asker" ? t("you") : (event.worker_name || t("professional"));
    var item = messageItem(event.author, who, event.text);
    item.setAttribute("data-seq", String(event.seq));
    // In number order (events may come out of order), above the ones still on their way.
    var before = list.querySelector(".chat-message--sending");
    Array.prototype.some.call(list.querySelectorAll("[data-seq]"), function (other) {
      if (parseInt(other.getAttribute("data-seq"), 10) > event.seq) {
        before = other;
        return true;
      }
      return false;
    });
    list.insertBefore(item, before);
  }

  function onState(event) {
    if (event.state === "waiting") {
      var text = t("waiting").replace("__N__", String(event.position));
      if (event.wait_minutes === 1) text += " " + t("wait-one");
      else if (event.wait_minutes) text += " " + t("wait-many").replace("__N__", String(event.wait_minutes));
      status.textContent = text;
    } else if (event.state === "active") {
      status.textContent = event.worker_name ? t("active").replace("__NAME__", event.worker_name) : t("active-anonymous");
    } else if (event.state === "closed") {
      end();
    }
    root.setAttribute("data-chat-state", event.state);
  }

  function end() {
    ended = true;
    status.textContent = t("closed");
    root.setAttribute("data-chat-state", "closed");
    if (form) form.hidden = true;
    var stop = root.querySelector(".chat-stop");
    if (stop) stop.hidden = true;
    if (after) after.hidden = false;
    pending.forEach(fail);
  }

  function fail(entry, reason) {
    entry.item.classList.remove("chat-message--sending");
    entry.item.classList.add("chat-message--failed");
    var note = entry.item.querySelector(".chat-pending");
    if (note) note.textContent = t("not-sent") + " " + (reason || t("closed"));
    pending = pending.filter(function (other) { return other !== entry; });
  }

  function transmit(entry) {
    if (socket && ready && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "send", text: entry.text, client_id: entry.id }));
    }
  }

  function onFrame(frame) {
    if (frame.type === "message") onMessage(frame);
    else if (frame.type === "state") {
      onState(frame);
      if (!ready) {
        ready = true;
        delay = 1000;
        document.documentElement.setAttribute("data-onlinehulp-live", "1");
        pending.forEach(transmit); // what was typed while the connection was away
      }
    } else if (frame.type === "ack") {
      if (frame.crisis) showCrisis();
      var entry = pending.filter(function (e) { return e.id === frame.client_id; })[0];
      if (entry) confirm(entry, frame.seq);
    } else if (frame.type === "error") {
      var failed = pending.filter(function (e) { return e.id === frame.client_id; })[0];
      if (failed) {
        fail(failed, frame.message);
        // Too many in a row: the text goes back into the box, to send again in a moment.
        if (frame.code === "rate_limited" && box && !box.value) box.value = failed.text;
      }
    }
  }

  function connect() {
    if (ended || refused) return;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var current = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket"));
    socket = current;
    ready = false;
    current.onopen = function () {
      current.send(JSON.stringify({
        type: "hello",
        token: root.getAttribute("data-token"),
        after: lastSeq,
        lang: root.getAttribute("data-lang") || document.documentElement.lang
      }));
    };
    current.onmessage = function (message) {
      if (current !== socket) return;
      try { onFrame(JSON.parse(message.data)); } catch (error) { /* a garbled frame */ }
    };
    current.onclose = function (closing) {
      if (current !== socket) return;
      socket = null;
      ready = false;
      document.documentElement.removeAttribute("data-onlinehulp-live");
      if (closing.code === 4000 || ended) {
        if (!ended) end();
        return;
      }
      if (closing.code === 4401) {
        refused = true;
        status.textContent = t("refused");
        if (form) form.hidden = true;
        return;
      }
      status.textContent = t("offline");
      window.clearTimeout(retry);
      retry = window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  var retry = null;

  // Back online: try at once instead of waiting for the backoff.
  window.addEventListener("online", function () {
    if (!socket && !ended && !refused) {
      window.clearTimeout(retry);
      delay = 1000;
      connect();
    }
  });

  if (form) {
    form.addEventListener("submit", function (submit) {
      submit.preventDefault();
      var text = box.value.trim();
      if (!text || ended) return;
      var entry = { id: newId(), text: text, item: messageItem("asker", t("you"), text) };
      entry.item.classList.add("chat-message--sending");
      var note = document.createElement("span");
      note.className = "chat-pending";
      note.textContent = t("sending");
      entry.item.appendChild(note);
      list.appendChild(entry.item);
      pending.push(entry);
      box.value = "";
      box.focus();
      transmit(entry);
    });
    box.addEventListener("keydown", function (key) {
      if (key.key === "Enter" && !key.shiftKey && !key.isComposing) {
        key.preventDefault();
        form.requestSubmit();
      }
    });
  }
  connect();
})();
