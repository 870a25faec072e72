// perfdsl serve: the page's only script. The pages work without it (every form posts and the
// server answers with the whole page); with it, the fill page re-scores as figures are typed,
// and the check page's diagnostics and outline jump to their line in the text.
"use strict";

(function () {
  // Fill page: post the form a moment after each change and swap in the parts of the answer
  // marked data-live (scores, subtotals, total, grade, 计算分析情况, each box's problems).
  // Only the answer to the latest request is shown, so a slow answer never overwrites a newer one.
  const form = document.querySelector("form[data-live-form]");
  if (form) {
    let timer = null;
    let latest = 0;
    const rescore = async function () {
      const ticket = ++latest;
      let text;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
        });
        if (!response.ok) return;
        text = await response.text();
      } catch (error) {
        return; // the server is gone: the page keeps its last scores
      }
      if (ticket !== latest) return;
      const page = new DOMParser().parseFromString(text, "text/html");
      for (const fresh of page.querySelectorAll("[data-live][id]")) {
        const old = document.getElementById(fresh.id);
        if (old) old.replaceWith(document.adoptNode(fresh));
      }
    };
    const later = function () {
      clearTimeout(timer);
      timer = setTimeout(rescore, 200);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  // Check page: a diagnostic's position or an outline entry selects that line in the text.
  const text = document.getElementById("text");
  if (text) {
    document.addEventListener("click", function (event) {
      const link = event.target.closest("[data-line]");
      if (!link) return;
      event.preventDefault();
      const line = Number(link.dataset.line);
      const column = Number(link.dataset.column || 1);
      const lines = text.value.split("\n");
      let start = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
      const lineText = lines[line - 1] || "";
      text.focus();
      text.setSelectionRange(start + column - 1, start + lineText.length);
      const height = text.scrollHeight / Math.max(lines.length, 1);
      text.scrollTop = Math.max(0, (line - 3) * height);
    });
  }
})();
