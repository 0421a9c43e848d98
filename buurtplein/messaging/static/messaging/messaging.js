/* Messaging, progressive enhancement: the header badge and an open conversation or inbox stay
   up to date over the person's websocket. Without JavaScript (or without a websocket) every page
   still works: it is simply as fresh as its last load. */
(function () {
  "use strict";
  var link = document.querySelector("[data-messaging-ws]");
  if (!link || !("WebSocket" in window)) return;

  function setUnread(count) {
    var badge = link.querySelector("[data-unread-badge]");
    if (!badge) return;
    // The link's name follows from its text: "Berichten 2 ongelezen" ("ongelezen" is hidden).
    badge.querySelector("[data-unread-count]").textContent = String(count);
    badge.hidden = !count;
    document.documentElement.setAttribute("data-unread", String(count));
  }

  // One refresh per part at a time. An event that arrives while that part is being fetched (or
  // while the reply form's own post is on its way) asks for one more fetch when it is done, so
  // the last thing drawn is never older than the last event ("Gelezen" after "Verstuurd").
  var busy = {};
  var again = {};
  function settle(selector) {
    busy[selector] = false;
    if (again[selector]) {
      again[selector] = false;
      refresh(selector);
    }
  }
  function refresh(selector) {
    var element = document.querySelector(selector);
    if (!element || !window.htmx) return;
    var url = element.getAttribute("data-refresh-url");
    if (!url) return;
    if (busy[selector]) {
      again[selector] = true;
      return;
    }
    busy[selector] = true;
    window.fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        // Look the part up again: the reply form may have redrawn it meanwhile.
        if (document.querySelector(selector)) window.htmx.swap(selector, html, { swapStyle: "outerHTML" });
      })
      .catch(function () { /* the next event or reconnect fetches again */ })
      .then(function () { settle(selector); });
  }
  // The reply form posts into #thread: count its post as a fetch of #thread.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "thread") busy["#thread"] = true;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail && event.detail.target;
    // (htmx sends this from the nearest part still on the page once the form is redrawn.)
    if (target && target.id === "thread") window.setTimeout(function () { settle("#thread"); }, 0);
  });

  function onEvent(event) {
    if (typeof event.unread === "number") setUnread(event.unread);
    if (event.type === "message" || event.type === "read") {
      var thread = document.querySelector("#thread[data-refresh-url]");
      if (thread && thread.getAttribute("data-conversation") === String(event.conversation)) {
        refresh("#thread");
        // Tell screen-reader users that the other person wrote (the thread itself is not a live
        // region: it is redrawn whole).
        var status = document.getElementById("thread-status");
        if (status && event.type === "message" && String(event.author) !== status.getAttribute("data-me")) {
          status.textContent = status.getAttribute("data-new-message");
        }
      }
      if (event.type === "message") refresh("#inbox-list");
    }
  }

  // When the socket closes (the server restarts, Redis is away: docs/operations.md), try again
  // after 2, 4, 8 … at most 30 seconds. Back after a gap, the page fetches what it missed.
  var delay = 1000;
  var wasOpen = false;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + link.getAttribute("data-messaging-ws"));
    socket.onopen = function () {
      delay = 1000;
      document.documentElement.setAttribute("data-messaging-live", "1");
      if (wasOpen) {
        refresh("#thread");
        refresh("#inbox-list");
      }
      wasOpen = true;
    };
    socket.onmessage = function (message) {
      try { onEvent(JSON.parse(message.data)); } catch (error) { /* ignore a garbled event */ }
    };
    socket.onclose = function () {
      document.documentElement.removeAttribute("data-messaging-live");
      delay = Math.min(delay * 2, 30000);
      window.setTimeout(connect, delay);
    };
  }
  connect();
})();
