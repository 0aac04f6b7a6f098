// The search page: Pagefind's UI replaces the plain links once its script has loaded.
// The article index comes in partitions (a year each), merged here into one search. Above its
// results, the players, clubs and outlets whose names have words starting with what is typed,
// from small files of names by their words' first two letters, shown between the field's label
// and the field. A "q" in the page's address is searched for at once.
//
// Pagefind asks for a result's fragment (address, title, words) as a file of its own; the build
// keeps a partition's fragments instead on shelves, gzipped together by their id's first digits
// (as many as the page's data-digits says for that partition). Pagefind runs in this page, not in
// a worker, so its requests for fragments pass through `fetch` here and are answered from a shelf.
(function () {
  var box = document.getElementById("search");
  if (!box || !box.dataset.bundles || typeof DecompressionStream === "undefined") return;
  var digits = {};
  var paths = box.dataset.bundles.split(" "), counts = (box.dataset.digits || "").split(" ");
  paths.forEach(function (path, at) { digits[new URL(path, document.baseURI).href] = Number(counts[at] || 0); });
  var shelves = {};
  var plainFetch = window.fetch.bind(window);
  var FRAGMENT = /^(.*\/)fragment\/([^\/]+)\.pf_fragment$/;
  window.fetch = function (input, options) {
    var found = FRAGMENT.exec(new URL(typeof input === "string" ? input : input.url, document.baseURI).href);
    if (!found || !(found[1] in digits)) return plainFetch(input, options);
    var id = found[2];
    var shelf = found[1] + "fragments/" + (id.slice(id.lastIndexOf("_") + 1).slice(0, digits[found[1]]) || "all") + ".pf_fragments";
    if (!shelves[shelf]) {
      shelves[shelf] = plainFetch(shelf).then(function (answer) {
        if (!answer.ok) throw new Error("search: " + shelf + " is missing");
        return new Response(answer.body.pipeThrough(new DecompressionStream("gzip"))).json();
      });
      shelves[shelf].catch(function () { delete shelves[shelf]; });  // asked again next time
    }
    return shelves[shelf].then(function (fragments) {
      if (!(id in fragments)) return new Response("", { status: 404 });
      return new Response("pagefind_dcd" + JSON.stringify(fragments[id]));
    });
  };
})();

window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined" || !box.dataset.bundles) return;
  var bundles = box.dataset.bundles.split(" ");
  box.innerHTML = "";
  var ui = new PagefindUI({ element: "#search", bundlePath: bundles[0], baseUrl: box.dataset.base,
                            mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
                            noWorker: true,  // its requests for fragments go through this page's fetch
                            showImages: false, resetStyles: false,
                            translations: { placeholder: "Van Dijk, Liverpool, £60m…" } });
  // a link may carry a search (a tag's page links to one for its older rumours): "?q=loan"
  var wanted = new URLSearchParams(window.location.search).get("q");
  if (wanted) ui.triggerSearch(wanted);
  var names = document.getElementById("names");
  // a visible label for the search field, tied to it
  var label = document.getElementById("search-label");
  function connect() {
    var input = box.querySelector("input");
    if (!input) return false;
    input.id = "search-input";
    label.htmlFor = "search-input";
    input.addEventListener("input", function () { showNames(input.value); });
    if (input.value) showNames(input.value);
    input.focus();
    return true;
  }
  if (!connect()) {
    var watcher = new MutationObserver(function () { if (connect()) watcher.disconnect(); });
    watcher.observe(box, { childList: true, subtree: true });
  }

  // Folded as the build folds names: no accents, lower case.
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function words(text) { return fold(text).split(/[\s\-'’.]+/).filter(Boolean); }
  function shelfOf(word) { return word.slice(0, 2).replace(/[^a-z0-9]/g, "_"); }
  var known = new Set((names.dataset.shelves || "").split(" "));  // the shelves there are
  var shelves = {};
  function shelf(key) {
    if (!shelves[key]) {
      shelves[key] = fetch(names.dataset.names + key + ".json")
        .then(function (answer) { return answer.ok ? answer.json() : { names: [] }; })
        .then(function (data) { return data.names; }, function () { return []; });
    }
    return shelves[key];
  }
  var asked = 0;
  function showNames(query) {
    var typed = words(query);
    var ask = ++asked;
    var lookup = typed.find(function (word) { return word.length >= 2; });  // "d'co": look up "co"
    if (!names.dataset.names || !lookup || !known.has(shelfOf(lookup))) { names.replaceChildren(); return; }
    shelf(shelfOf(lookup)).then(function (entries) {
      if (ask !== asked) return;  // a newer query is on its way
      var found = entries.filter(function (entry) {
        var own = words(entry.name);
        return typed.every(function (word) { return own.some(function (w) { return w.startsWith(word); }); });
      }).slice(0, 8);
      names.replaceChildren();
      if (!found.length) return;
      var list = document.createElement("ul");
      list.className = "chips";
      found.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = entry.url;
        link.textContent = entry.name;
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = entry.kind + " · " + entry.rumours + (entry.rumours === 1 ? " rumour" : " rumours");
        item.append(link, " ", count);
        list.append(item);
      });
      names.append(list);
    });
  }
});
