// Small progressive enhancements. Every page works without this file.

// After a failed submit the error summary at the top of the form gets focus, so that a screen
// reader reads it out and the keyboard starts from there: on a page that comes back with errors,
// and in a form that htmx swapped in with errors.
function focusErrorSummary(root) {
  const summary = root.matches?.(".form-errors") ? root : root.querySelector(".form-errors");
  if (!summary) return false;
  if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
  summary.focus();
  return true;
}
focusErrorSummary(document);

// htmx sends afterSwap from each element it put in the page (with an outerHTML swap the old
// target, event.detail.target, is already gone), so look in event.target.
document.addEventListener("htmx:afterSwap", (event) => {
  const swapped = event.target;
  if (!(swapped instanceof Element)) return;
  if (focusErrorSummary(swapped)) return;
  // Move focus to new content that asks for it (e.g. a comment just posted), for screen readers.
  const target = swapped.querySelector("[data-focus-after-swap]");
  if (target) target.focus();
});

// The "More" menu of the main navigation closes on Escape (focus back on its button) and when
// someone clicks or tabs elsewhere. Without this file it opens and closes with its button.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = document.querySelector("details.nav-more[open]");
  if (!open) return;
  open.open = false;
  open.querySelector("summary").focus();
});
for (const type of ["click", "focusin"]) {
  document.addEventListener(type, (event) => {
    const open = document.querySelector("details.nav-more[open]");
    if (open && !open.contains(event.target)) open.open = false;
  });
}

// A "Copy" button next to a read-only field (data-copy="<the field's id>"); hidden without this
// file, where selecting the text works as always. It says so in the status next to it.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector("[data-copied]");
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = status.dataset.copied;
    } catch {
      field.select(); // no permission: at least the text is selected, ready for Ctrl+C
    }
  });
}

// When an htmx request fails (the server answers 4xx or 5xx, e.g. the 503 while the database is
// away, or there is no network), htmx swaps nothing: say so at the top of the page, so nobody waits for
// nothing. The form keeps what was typed; the notice goes with the next request that works.
const requestFailed = document.getElementById("request-failed");
function showRequestFailed(text) {
  if (!requestFailed) return;
  requestFailed.textContent = text;
  requestFailed.hidden = false;
}
// A refusal (403: a form left open past its log-in, a member suspended meanwhile; 404: the
// thing was removed) says to reload; a 429 is not an error here (htmx swaps its form).
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr ? event.detail.xhr.status : 0;
  if (status >= 500) showRequestFailed(requestFailed?.dataset.error);
  else if (status >= 400) showRequestFailed(requestFailed?.dataset.refused);
});
document.addEventListener("htmx:sendError", () => showRequestFailed(requestFailed?.dataset.offline));
document.addEventListener("htmx:afterRequest", (event) => {
  if (requestFailed && event.detail.successful) requestFailed.hidden = true;
});
