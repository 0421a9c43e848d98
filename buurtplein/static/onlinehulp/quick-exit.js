// "Snel weg" (online help): leave at once for a neutral site. The page is replaced, so the
// Back button does not lead back to it. Escape does the same anywhere on the page; while typing
// in a field, press Escape twice (the first may close a suggestion list or a menu).
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;
  var lastEscape = 0;

  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true;
    try { document.title = ""; } catch (e) { /* nothing to hide then */ }
    window.location.replace(link.href);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (!typing(event.target)) { leave(event); return; }
    var now = Date.now();
    if (now - lastEscape < 1500) { leave(event); return; }
    lastEscape = now;
  });
})();
