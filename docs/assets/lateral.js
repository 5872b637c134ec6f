/* Lateral reading, practised offline: choose which search result to open first, then see why.
 *
 * The page is complete without this file: the results are a list with radio buttons, and the
 * answer (what each result tells, a model search path) is in a <details> block. This script asks
 * for a choice first (click restraint), then shows the feedback for that choice, which the page
 * already holds (it copies text, never builds HTML from strings), and opens the answer.
 * Nothing is stored or sent; it works from file:// and in the offline bundle.
 */
(function () {
  "use strict";

  function setUp(box) {
    if (box.getAttribute("data-ready") === "1") return;
    box.setAttribute("data-ready", "1");
    var check = box.querySelector("[data-lateral-check]");
    var status = box.querySelector(".ck-lateral__feedback");
    var verdicts = box.querySelector(".ck-lateral__verdicts");
    var exercise = box.closest(".ck-ex");
    var answer = exercise ? exercise.querySelector("details.ck-answer") : null;
    if (!check || !status || !verdicts) return;

    box.classList.add("ck-lateral--ready");
    check.hidden = false;
    if (answer) answer.hidden = true;  // do it first: the answer appears once a choice is checked

    function radios() {
      return Array.prototype.slice.call(box.querySelectorAll("input[type=radio]"));
    }

    function clear() {
      while (status.firstChild) status.removeChild(status.firstChild);
      status.className = "ck-lateral__feedback";
      radios().forEach(function (r) { r.closest(".ck-result").classList.remove("is-chosen"); });
    }

    check.addEventListener("click", function () {
      clear();
      var chosen = radios().filter(function (r) { return r.checked; })[0];
      var line = document.createElement("p");
      if (!chosen) {
        line.textContent = "Choose a result first: read the whole list, then pick the one you would open first.";
        status.appendChild(line);
        return;
      }
      var verdict = Array.prototype.filter.call(verdicts.querySelectorAll("p[data-result]"), function (p) {
        return p.getAttribute("data-result") === chosen.value;
      })[0];
      if (!verdict) return;
      var good = verdict.getAttribute("data-good") === "true";
      var title = chosen.closest(".ck-result").querySelector(".ck-result__title");
      var strong = document.createElement("strong");
      strong.textContent = (good ? "✓ " : "✗ ") + "You chose “" + (title ? title.textContent : chosen.value) + "”. ";
      line.appendChild(strong);
      line.appendChild(document.createTextNode(verdict.textContent));
      status.appendChild(line);
      status.classList.add(good ? "is-good" : "is-bad");
      chosen.closest(".ck-result").classList.add("is-chosen");
      if (answer) {
        answer.hidden = false;
        answer.open = true;
        var next = document.createElement("p");
        next.textContent = "Now read what every result tells you, and the model search path, in the answer below.";
        status.appendChild(next);
      }
      check.textContent = "Check another choice";
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ck-lateral[data-lateral]"), setUp);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
