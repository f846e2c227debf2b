/* The review queue's keys: j/k (or the arrow keys) move between statements, c confirms,
   r rejects (it asks for the reason first;
   Enter in a filled reason field rejects), s skips. No key acts while typing in a field. */
"use strict";
(function () {
  const items = () => Array.from(document.querySelectorAll("article.queue-item"));
  const current = () => {
    const all = items();
    return all.find((item) => item.contains(document.activeElement)) || all[0];
  };
  const move = (step) => {
    const all = items();
    const at = all.indexOf(current());
    const next = all[Math.min(all.length - 1, Math.max(0, at + step))];
    if (next) { next.focus(); next.scrollIntoView({block: "nearest"}); }
  };
  const press = (item, action) => {
    const button = item.querySelector(`button[value="${action}"]`);
    if (button) { button.click(); }
  };
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    const typing = event.target.closest("input, select, textarea");
    const item = current();
    if (typing) {
      if (event.key === "Escape") { item.focus(); }
      if (event.key === "Enter" && typing.classList.contains("q-reason") && typing.value.trim()) {
        event.preventDefault();
        press(typing.closest("article.queue-item"), "reject");
      }
      return;
    }
    if (event.key === "j" || event.key === "ArrowDown") { move(1); }
    else if (event.key === "k" || event.key === "ArrowUp") { move(-1); }
    else if (!item) { return; }
    else if (event.key === "c") { press(item, "confirm"); }
    else if (event.key === "r") {
      const reason = item.querySelector(".q-reason");
      if (reason && !reason.value.trim()) { reason.focus(); } else { press(item, "reject"); }
    }
    else if (event.key === "s") { item.querySelector(".q-skip").click(); }
    else { return; }
    event.preventDefault();
  });
  const first = items()[0];
  if (first && !window.location.hash) { first.focus({preventScroll: true}); }
})();
