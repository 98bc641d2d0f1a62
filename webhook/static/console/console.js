// privacybot console: the few live parts (audience count, preview, progress). Same origin only.
// Words come from the page (data-* attributes, in the signed-in user's language), never from here.
"use strict";

function setText(id, value) {
  const el = document.getElementById(id);
  if (el) el.textContent = String(value);
}

function composePage(card) {
  const form = document.getElementById("compose-form");
  const text = document.getElementById("text");
  const preview = document.getElementById("preview");
  const showPreview = () => {
    preview.textContent = text.value || card.dataset.placeholder;
    setText("chars", text.value.length);
  };
  const countAudience = async () => {
    const params = new URLSearchParams();
    form.querySelectorAll("input[name=lang]:checked").forEach((box) => params.append("lang", box.value));
    setText("n-now", "…");
    const answer = await fetch(card.dataset.audienceUrl + "?" + params, { credentials: "same-origin" });
    if (!answer.ok) return setText("n-now", "?");
    const counts = await answer.json();
    setText("n-now", counts.eligible_in_window + counts.eligible_by_token);
    setText("n-later", counts.quiet_hours);
    setText("n-window-now", counts.eligible_in_window);
    for (const [name, value] of Object.entries(counts)) {
      if (typeof value === "number") setText("n-" + name, value);
    }
    for (const [reason, value] of Object.entries(counts.skipped || {})) setText("n-" + reason, value);
  };
  text.addEventListener("input", showPreview);
  form.querySelectorAll("input[name=lang]").forEach((box) => box.addEventListener("change", countAudience));
  showPreview();
  countAudience();
}

function progressPage(card) {
  const bar = document.getElementById("progress");
  const finished = ["done", "cancelled"];
  const statuses = JSON.parse(card.dataset.statuses || "{}");
  const reasons = JSON.parse(card.dataset.reasons || "{}");
  const poll = async () => {
    const answer = await fetch(card.dataset.statusUrl, { credentials: "same-origin" });
    if (answer.ok) {
      const b = await answer.json();
      // The end is the audience when sending started: mid-send the bar shows how far it got,
      // and a cancelled broadcast stays where it stopped. Only a finished one is full.
      const handled = b.sent + b.skipped + b.failed;
      bar.max = Math.max(b.expected || 0, b.total, handled, 1);
      bar.value = b.status === "done" ? bar.max : handled;
      for (const name of ["sent", "skipped", "failed", "waiting"]) setText(name, b[name]);
      setText("status", statuses[b.status] || b.status);
      setText("reasons", Object.entries(b.skipped_by_reason || {}).map(([r, n]) => (reasons[r] || r) + ": " + n).join(" "));
      if (finished.includes(b.status)) {
        const cancel = document.getElementById("cancel-form");
        if (cancel) cancel.remove();
        card.dataset.finished = "1";
        return;
      }
    }
    setTimeout(poll, 1000);
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  const compose = document.getElementById("compose");
  if (compose) composePage(compose);
  const progress = document.getElementById("progress-card");
  if (progress) progressPage(progress);
});

// The dashboard's first count of a large audience outlasted the page's wait: look again soon.
if (document.getElementById("counting")) setTimeout(() => location.reload(), 3000);
