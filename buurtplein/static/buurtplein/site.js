// Small progressive enhancements. Every page works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to new content that asks for it (e.g. a comment just posted), for screen readers.
  const target = event.detail.target.querySelector("[data-focus-after-swap]");
  if (target) target.focus();
});
