/* Boxes that scroll sideways, reachable from the keyboard (WCAG 2.1.1; axe rule
   scrollable-region-focusable). A wide table sits in a box that scrolls: Material's wrapper around
   Markdown tables (.md-typeset__scrollwrap, made by its JavaScript) and ours (.ck-tablewrap), and a
   chart's drawing on a phone (.ck-figure__drawing, which keeps the chart's size).
   With a mouse or a finger it scrolls; with a keyboard only if something in it can take focus.
   While a box holds more than it shows and nothing in it is focusable, it becomes a tab stop with
   a name saying what it holds (its table's caption, or the heading above it), so the arrow keys
   scroll it; when it fits again (a wider window), it stops being one. Loaded by overrides/main.html.
   Without JavaScript Material's wrapper does not exist and the table scrolls with the page. */
(function () {
  "use strict";

  var BOXES = ".md-typeset__scrollwrap, .ck-tablewrap, .ck-figure__drawing";
  var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([data-ck-scrollbox])";

  function nameOf(box) {
    var figure = box.closest("figure");
    var title = figure && figure.querySelector("figcaption strong");
    if (title && title.textContent.trim()) return "Chart: " + title.textContent.trim().replace(/\.$/, "");
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4");
    var above = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) above = headings[i];
    }
    // the heading's own text, without Material's permalink sign
    var text = above ? above.textContent.replace(/\u00b6\s*$/, "").trim() : "";
    return text ? "Table: " + text : "Table";
  }

  function update(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.querySelector(FOCUSABLE)) {
      if (!box.hasAttribute("data-ck-scrollbox")) {
        box.setAttribute("data-ck-scrollbox", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", nameOf(box) + " (scrolls sideways)");
      }
    } else if (box.hasAttribute("data-ck-scrollbox")) {
      ["data-ck-scrollbox", "tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
    }
  }

  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { update(entry.target); });
  }) : null;

  function scan() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      update(box);
      if (observer) observer.observe(box);
    });
  }

  // Material wraps tables when it sets up a page (document$, also after instant navigation);
  // this subscription comes after its own, so the wrappers exist by then.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(scan);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
