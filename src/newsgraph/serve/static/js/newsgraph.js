// Small behaviours of the newsgraph pages; the pages work without it.
"use strict";

// htmx requests carry the session's CSRF token, read from <meta name="csrf-token">.
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) event.detail.headers["X-CSRF-Token"] = meta.content;
});

// Pointing at a row of the "who said what" panel outlines its quote in the text.
document.addEventListener("DOMContentLoaded", () => {
  for (const row of document.querySelectorAll(".quote-row[data-quote]")) {
    const mark = document.getElementById("q" + row.dataset.quote);
    if (!mark) continue;
    const on = () => mark.classList.add("is-current");
    const off = () => mark.classList.remove("is-current");
    row.addEventListener("mouseenter", on);
    row.addEventListener("mouseleave", off);
    row.addEventListener("focusin", on);
    row.addEventListener("focusout", off);
  }
});
