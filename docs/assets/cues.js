/* Cue explanations on hover and keyboard focus; links into folded sections open them.
 *
 * Each marked cue (.ck-cue) names its category's definition with aria-describedby; the
 * page writes each definition once (in the key above the claims), so screen readers read
 * it with the cue and the page stays small. This script shows the same definition next to
 * the cue in one shared tooltip. It copies text nodes, never HTML, and sends nothing
 * anywhere. Without it the cue keeps its visible label and the key lists every definition.
 */
(function () {
  "use strict";

  var tip = null;
  var owner = null;

  function hide() {
    if (tip && tip.parentNode) tip.parentNode.removeChild(tip);
    owner = null;
  }

  function show(cue) {
    var id = cue.getAttribute("aria-describedby");
    var definition = id && document.getElementById(id);
    if (!definition) return;
    if (owner === cue) return;
    hide();
    tip = tip || document.createElement("span");
    tip.className = "ck-cue-tip";
    tip.setAttribute("aria-hidden", "true");  // the cue is already described by the definition itself
    tip.textContent = "";
    // the definition starts with the category's name in <strong>; copy its text, keep the emphasis
    var name = definition.querySelector("strong");
    if (name) {
      var words = document.createElement("strong");
      words.textContent = name.textContent;
      tip.appendChild(words);
      tip.appendChild(document.createTextNode(definition.textContent.slice(name.textContent.length)));
    } else {
      tip.appendChild(document.createTextNode(definition.textContent));
    }
    cue.appendChild(tip);
    owner = cue;
  }

  function cueOf(node) {
    while (node && node !== document) {
      if (node.classList && node.classList.contains("ck-cue")) return node;
      node = node.parentNode;
    }
    return null;
  }

  document.addEventListener("focusin", function (event) {
    var cue = cueOf(event.target);
    if (cue) show(cue); else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (cueOf(event.target) === owner && !cueOf(event.relatedTarget)) hide();
  });
  document.addEventListener("mouseover", function (event) {
    var cue = cueOf(event.target);
    if (cue) show(cue);
  });
  document.addEventListener("mouseout", function (event) {
    var cue = cueOf(event.target);
    if (cue && cue === owner && !cue.contains(event.relatedTarget) && document.activeElement !== cue) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });

  /* A link to a place inside a folded section (<details>: a report page's folded sources or charts)
     opens the fold first, so the browser can scroll to it (Chromium does this itself; not every
     browser does). */
  function openFoldsAround(id) {
    var target = id && document.getElementById(id);
    var fold = target && target.closest ? target.closest("details") : null;
    while (fold) {
      fold.open = true;
      fold = fold.parentElement ? fold.parentElement.closest("details") : null;
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (link) openFoldsAround(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  if (window.location.hash) openFoldsAround(decodeURIComponent(window.location.hash.slice(1)));
}());
