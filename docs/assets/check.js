/* The pre/post check: score a form in the browser and give the student a result code.
 *
 * The page holds the questions as radio buttons and check boxes, each question's explanation
 * (hidden until the end) and the form's answer key (data-key). This script asks for every answer,
 * scores each skill, shows the code (resultcode.js) to copy or print, then shows why each answer is
 * right or wrong. Nothing is sent or saved: closing the page forgets everything. Text is copied into
 * the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setUp(box) {
    if (box.getAttribute("data-ready") === "1" || !window.CkResultCode) return;
    box.setAttribute("data-ready", "1");
    var key;
    try {
      key = JSON.parse(box.getAttribute("data-key"));
    } catch (e) {
      return;
    }
    var form = key.form;
    var finish = box.querySelector("[data-check-finish]");
    var message = box.querySelector(".ck-check__message");
    var result = box.querySelector(".ck-check__result");
    var initials = box.querySelector(".ck-check__initials-input");
    var printButton = box.querySelector("[data-check-print]");
    var items = Array.prototype.slice.call(box.querySelectorAll(".ck-cq"));
    box.classList.add("ck-check--ready");
    finish.hidden = false;
    if (printButton) {
      printButton.hidden = false;
      printButton.addEventListener("click", function () { window.print(); });
    }

    function chosen(item) {
      return Array.prototype.slice.call(item.querySelectorAll("input:checked")).map(function (input) {
        return parseInt(input.value, 10);
      });
    }

    finish.addEventListener("click", function () {
      message.textContent = "";
      var answers = items.map(chosen);
      var empty = [];
      answers.forEach(function (a, n) { if (!a.length) empty.push(n + 1); });
      if (empty.length) {
        message.textContent = (empty.length === 1 ? "Question " + empty[0] + " has" :
          "Questions " + empty.join(", ") + " have") + " no answer yet. Answer every question, then finish.";
        var first = items[empty[0] - 1].querySelector("input");
        if (first) first.focus();
        return;
      }
      var code = window.CkResultCode.encode(form, answers, initials ? initials.value : "");
      var scores = window.CkResultCode.score(form, answers);
      var tbody = result.querySelector("tbody");
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      var right = 0, asked = 0;
      key.skills.forEach(function (pair) {
        var s = scores[pair[0]];
        if (!s) return;
        right += s[0];
        asked += s[1];
        var row = el("tr");
        row.appendChild(el("th", null, pair[1])).setAttribute("scope", "row");
        row.appendChild(el("td", null, s[0] + " of " + s[1]));
        tbody.appendChild(row);
      });
      result.querySelector(".ck-check__total").textContent = "In all: " + right + " of " + asked + " right.";
      var output = result.querySelector(".ck-check__code");
      output.value = window.CkResultCode.group(code);
      output.setAttribute("data-code", code);

      // Lock the answers, and show for each question whether it was right and why.
      items.forEach(function (item, n) {
        Array.prototype.forEach.call(item.querySelectorAll("input"), function (input) { input.disabled = true; });
        var q = form.questions[n];
        var mine = answers[n].slice().sort().join(","), correct = q.correct.slice().sort().join(",");
        var ok = mine === correct;
        item.classList.add(ok ? "is-right" : "is-wrong");
        Array.prototype.forEach.call(item.querySelectorAll(".ck-cq__option"), function (li) {
          var option = parseInt(li.getAttribute("data-option"), 10);
          var label = li.querySelector("label") || li;
          var mine = answers[n].indexOf(option) >= 0;
          if (q.correct.indexOf(option) >= 0) {
            label.appendChild(document.createTextNode(" "));
            label.appendChild(el("strong", "ck-cq__mark", mine ? "✓ your answer: right" : "✓ right answer"));
          } else if (mine) {
            label.appendChild(document.createTextNode(" "));
            label.appendChild(el("strong", "ck-cq__mark", "✗ your answer"));
          }
        });
        var keyBlock = item.querySelector(".ck-cq__key");
        keyBlock.querySelector(".ck-cq__verdict").textContent = ok ? "✓ Right." : "✗ Not quite.";
        keyBlock.hidden = false;
      });
      if (initials) initials.disabled = true;
      finish.hidden = true;
      result.hidden = false;
      var title = result.querySelector(".ck-check__result-title");
      title.focus();
      title.scrollIntoView({block: "start"});
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ck-check[data-check-form]"), setUp);
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
