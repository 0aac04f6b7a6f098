// The search page: Pagefind's UI replaces the plain links once its script has loaded.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  box.innerHTML = "";
  new PagefindUI({ element: "#search", bundlePath: box.dataset.bundle, showImages: false, resetStyles: false,
                   translations: { placeholder: "Search players, clubs and rumours" } });
  var input = box.querySelector("input");
  if (input) input.focus();
});
