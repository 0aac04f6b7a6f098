// The editor's desk: controls on an article page of the preview (site-gen serve), each writing one
// correction into corrections.yaml through the preview; live reload then shows the rebuilt page.
(() => {
  "use strict";
  const token = document.querySelector('meta[name="site-gen-desk"]');
  const data = document.getElementById("site-gen-record");
  const script = document.currentScript;
  if (!token || !script) return;
  const endpoint = new URL("_desk", script.src).href;
  const STAGES = ["interest", "talks", "bid", "agreed", "done", "off"];

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.append(...children);
    return node;
  }

  const status = document.querySelector(".desk-status") ||
    el("p", { class: "desk-status", role: "status", "aria-live": "polite" });

  async function send(body) {
    status.textContent = "Saving…";
    try {
      const answer = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Site-Gen-Token": token.content },
        body: JSON.stringify(body),
      }).then((response) => response.json());
      status.textContent = answer.ok ? `${answer.message}: saved, rebuilding…` : `Not saved: ${answer.error}`;
    } catch (error) {
      status.textContent = `Not saved: ${error}`;
    }
  }

  // the Review page: each button carries the correction it asks for
  for (const button of document.querySelectorAll("button[data-desk]")) {
    button.addEventListener("click", () => send(JSON.parse(button.dataset.desk)));
  }
  if (!data) return;
  const record = JSON.parse(data.textContent);

  function field(label, name, value = "") {
    const input = el("input", { name, type: "text", value: value || "", autocomplete: "off" });
    return el("label", {}, label, input);
  }

  function stageField(name, value) {
    const select = el("select", { name });
    for (const stage of STAGES) {
      const option = el("option", { value: stage }, stage);
      if (stage === value) option.selected = true;
      select.append(option);
    }
    return el("label", {}, "Stage", select);
  }

  function moveForm(move, onSave, saveLabel) {
    const form = el("form", {},
      field("Player", "player", move.player), field("From", "from", move.from), field("To", "to", move.to),
      stageField("stage", move.stage || "interest"), field("Fee", "fee", move.fee),
      el("button", { type: "submit" }, saveLabel));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      onSave(values);
    });
    return form;
  }

  const panel = el("aside", { class: "desk", "aria-label": "Editor's desk" }, el("h2", {}, "Editor's desk"),
    el("p", {}, el("a", { href: new URL("_review", script.src).href }, "Review: every doubt, least sure first")));
  const file = record.file;

  panel.append(el("h3", {}, "Moves"));
  const moves = el("ul", { class: "desk-moves" });
  for (const move of record.moves) {
    const text = `${move.player}: ${move.from || "?"} → ${move.to || "?"} (${move.stage})` +
      (move.checked ? ", checked" : move.held ? `, held back: ${Math.round(100 * move.confidence)}% sure` :
        `, ${Math.round(100 * move.confidence)}% sure`);
    const row = el("li", {}, el("span", {}, text));
    const named = { file, player: move.player, to: move.to || "" };
    const confirm = el("button", { type: "button", "aria-label": `Confirm ${text}` }, "Confirm");
    confirm.addEventListener("click", () => send({ action: "confirm", ...named }));
    const reject = el("button", { type: "button", "aria-label": `Reject ${text}` }, "Reject");
    reject.addEventListener("click", () => send({ action: "reject", ...named }));
    const edit = el("button", { type: "button", "aria-label": `Edit ${text}`, "aria-expanded": "false" }, "Edit");
    edit.addEventListener("click", () => {
      if (row.querySelector("form")) return;
      edit.setAttribute("aria-expanded", "true");
      const form = moveForm(move, (values) => send({
        action: "edit", ...named, new_player: values.player, new_from: values.from, new_to: values.to,
        new_stage: values.stage, new_fee: values.fee,
      }), "Save the move");
      row.append(form);
      form.querySelector("input").focus();
    });
    row.append(confirm, reject, edit);
    moves.append(row);
  }
  if (!record.moves.length) moves.append(el("li", {}, el("span", {}, "No move read.")));
  panel.append(moves, el("h3", {}, "Add a move the build missed"),
    moveForm({ stage: "interest" }, (values) => send({ action: "add", file, ...values }), "Add the move"));

  panel.append(el("h3", {}, "Players"));
  const players = el("ul", { class: "desk-players" });
  for (const name of record.players) {
    const row = el("li", {}, el("span", {}, name));
    const notPlayer = el("button", { type: "button", "aria-label": `${name} is not a player` }, "Not a player");
    notPlayer.addEventListener("click", () => send({ action: "not_player", name }));
    const merge = el("form", {}, field(`Write ${name} as`, "into", name), el("button", { type: "submit" }, "Rename or merge"));
    merge.addEventListener("submit", (event) => {
      event.preventDefault();
      send({ action: "merge", name, into: new FormData(merge).get("into") });
    });
    row.append(notPlayer, merge);
    players.append(row);
  }
  panel.append(players, el("h3", {}, "Source"));
  const source = el("form", {}, field("Outlet credited", "outlet", record.source), el("button", { type: "submit" }, "Set the source"));
  source.addEventListener("submit", (event) => {
    event.preventDefault();
    send({ action: "source", file, outlet: new FormData(source).get("outlet") });
  });
  panel.append(source, status);
  const main = document.querySelector("main") || document.body;
  main.prepend(panel);
})();
