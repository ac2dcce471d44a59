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

// Listen: the sentence being read lights up, from the sidecar's timings (start, end in
// seconds; every element of the sentence carries data-sentence="index").
document.addEventListener("DOMContentLoaded", () => {
  const player = document.getElementById("player");
  if (!player) {
    return;
  }
  let sentences = null;
  let loading = null;
  function timings() {
    if (!loading) {
      loading = fetch(player.dataset.sidecar)
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((sidecar) => {
          sentences = sidecar.sentences;
        });
    }
    return loading;
  }
  function light(index) {
    if (player.dataset.reading === String(index)) {
      return;
    }
    player.dataset.reading = String(index);
    document.querySelectorAll("[data-sentence].reading").forEach((el) => el.classList.remove("reading"));
    if (index < 0) {
      return;
    }
    const parts = document.querySelectorAll(`[data-sentence="${index}"]`);
    parts.forEach((el) => el.classList.add("reading"));
    if (parts.length && !player.paused) {
      parts[0].scrollIntoView({ block: "nearest" });
    }
  }
  player.addEventListener("play", timings);
  player.addEventListener("timeupdate", () => {
    if (!sentences) {
      timings();
      return;
    }
    const now = player.currentTime;
    let index = -1;
    sentences.forEach((sentence, at) => {
      if (now >= sentence.start) {
        index = at;
      }
    });
    light(index);
  });
  player.addEventListener("ended", () => light(-1));
});
