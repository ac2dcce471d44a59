// Selecting a highlighted statement in an article shows its details beside the story.
// The details are a copy of the statement's card, which the server rendered (and escaped):
// nothing here builds HTML from strings.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const story = document.getElementById("story");
  const detail = document.getElementById("detail");
  if (!story || !detail) {
    return;
  }

  function select(statementId) {
    const card = document.getElementById("st-" + statementId);
    if (!card) {
      return;
    }
    document.querySelectorAll("mark.stmt.active").forEach((mark) => mark.classList.remove("active"));
    document.querySelectorAll(".statement-card.selected").forEach((c) => c.classList.remove("selected"));
    document.querySelectorAll("mark.stmt").forEach((mark) => {
      if (mark.dataset.statement === statementId) {
        mark.classList.add("active");
      }
    });
    card.classList.add("selected");
    const copy = card.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.remove("selected");
    detail.replaceChildren(copy);
    detail.dataset.statement = statementId;
    detail.hidden = false;
  }

  story.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.stmt");
    if (mark) {
      select(mark.dataset.statement);
    }
  });
  story.addEventListener("keydown", (event) => {
    const mark = event.target.closest("mark.stmt");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(mark.dataset.statement);
    }
  });
  document.getElementById("statements")?.addEventListener("click", (event) => {
    const card = event.target.closest(".statement-card");
    if (card && !event.target.closest("a")) {
      select(card.dataset.statement);
      const first = story.querySelector(`mark.stmt.active`);
      first?.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });
  if (location.hash.startsWith("#st-")) {
    select(decodeURIComponent(location.hash.slice(4)));
  }
});
