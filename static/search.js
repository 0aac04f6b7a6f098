// The search page: Pagefind's UI replaces the plain links once its script has loaded.
// The index comes in partitions (names, then a year each), merged here into one search.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined" || !box.dataset.bundles) return;
  var bundles = box.dataset.bundles.split(" ");
  box.innerHTML = "";
  new PagefindUI({ element: "#search", bundlePath: bundles[0], baseUrl: box.dataset.base,
                   mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
                   showImages: false, resetStyles: false,
                   translations: { placeholder: "Van Dijk, Liverpool, £60m…" } });
  // a visible label for the search field, tied to it
  var label = document.getElementById("search-label");
  function connect() {
    var input = box.querySelector("input");
    if (!input) return false;
    input.id = "search-input";
    label.htmlFor = "search-input";
    input.focus();
    return true;
  }
  if (!connect()) {
    var watcher = new MutationObserver(function () { if (connect()) watcher.disconnect(); });
    watcher.observe(box, { childList: true, subtree: true });
  }
});
