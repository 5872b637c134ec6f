/* Self-check quizzes and "copy" buttons for the lesson pages.
 *
 * Works offline (also from file://), with no other script and nothing sent anywhere:
 * the score is kept only in this browser's localStorage. The page is complete without
 * this file: each question then shows its options as a list and the answer in a
 * <details> block. This script turns the options into buttons and shows the feedback
 * that is already in the page (it copies nodes, never builds HTML from strings).
 */
(function () {
  "use strict";

  var STORE = "ck-quiz:v1:";

  function load(id) {
    try {
      var raw = window.localStorage.getItem(STORE + id);
      var value = raw ? JSON.parse(raw) : {};
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};  // storage blocked or corrupt: the quiz still works, without memory
    }
  }

  function save(id, state) {
    try {
      window.localStorage.setItem(STORE + id, JSON.stringify(state));
    } catch (e) { /* storage blocked: keep going */ }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, className) {
    var b = el("button", className || "md-button", text);
    b.type = "button";
    return b;
  }

  function setupQuiz(quiz) {
    if (quiz.getAttribute("data-ready") === "1") return;
    quiz.setAttribute("data-ready", "1");
    var id = quiz.getAttribute("data-quiz");
    var state = load(id);
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".ck-q"));
    var status = quiz.querySelector(".ck-quiz__status");
    var score = quiz.querySelector(".ck-quiz__score");

    function updateScore() {
      var answered = 0, right = 0;
      questions.forEach(function (q) {
        var entry = state[q.getAttribute("data-question")];
        if (entry) {
          answered += 1;
          if (entry.right) right += 1;
        }
      });
      score.textContent = answered === 0
        ? "Your score: no questions answered yet (" + questions.length + " to go)."
        : "Your score: " + right + " right out of " + answered + " answered, of " + questions.length +
          " questions. Kept only in this browser.";
    }

    questions.forEach(function (q) { setupQuestion(q); });

    if (status) {
      status.hidden = false;
      var reset = button("Start the quiz again");
      reset.addEventListener("click", function () {
        state = {};
        save(id, state);
        questions.forEach(function (q) { q._ckReset(); });
        updateScore();
        var first = quiz.querySelector(".ck-q__option");
        if (first) first.focus();
      });
      status.appendChild(reset);
    }
    quiz.classList.add("ck-quiz--ready");
    updateScore();

    function setupQuestion(q) {
      var qid = q.getAttribute("data-question");
      var multiple = q.getAttribute("data-multiple") === "true";
      var items = Array.prototype.slice.call(q.querySelectorAll(".ck-q__options > li[data-option]"));
      var feedback = q.querySelector(".ck-q__feedback");
      var why = q.querySelector(".ck-q__why");
      var explanation = q.querySelector(".ck-q__explanation");
      var actions = el("div", "ck-q__actions");
      var check = multiple ? button("Check my answer") : null;
      var again = button("Try again");
      var answered = false;
      feedback.setAttribute("role", "status");
      again.hidden = true;
      if (check) actions.appendChild(check);
      actions.appendChild(again);
      feedback.parentNode.insertBefore(actions, feedback.nextSibling);

      var options = items.map(function (li) {
        var key = li.getAttribute("data-option");
        var b = button("", "ck-q__option");
        b.setAttribute("aria-pressed", "false");
        b.appendChild(el("span", "ck-q__letter", key + "."));
        var label = el("span", "ck-q__text");
        while (li.firstChild) label.appendChild(li.firstChild);
        b.appendChild(label);
        var verdict = el("span", "ck-q__verdict");
        b.appendChild(verdict);
        li.appendChild(b);
        var option = { key: key, correct: li.getAttribute("data-correct") === "true", button: b, verdict: verdict };
        b.addEventListener("click", function () {
          if (answered) return;
          if (multiple) {
            b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
          } else {
            b.setAttribute("aria-pressed", "true");
            answer([key], true);
          }
        });
        return option;
      });

      if (check) {
        check.addEventListener("click", function () {
          var chosen = options.filter(function (o) { return o.button.getAttribute("aria-pressed") === "true"; })
            .map(function (o) { return o.key; });
          if (chosen.length === 0) {
            show([el("p", null, "Choose at least one answer first.")], null);
            return;
          }
          answer(chosen, true);
        });
      }
      again.addEventListener("click", function () {
        reset();
        delete state[qid];
        save(id, state);
        updateScore();
        options[0].button.focus();
      });

      function show(nodes, right) {
        feedback.textContent = "";
        feedback.classList.remove("is-right", "is-wrong");
        if (right !== null) feedback.classList.add(right ? "is-right" : "is-wrong");
        feedback.hidden = false;
        nodes.forEach(function (n) { feedback.appendChild(n); });
      }

      function answer(chosen, remember) {
        var right = options.every(function (o) { return o.correct === (chosen.indexOf(o.key) !== -1); });
        answered = true;
        options.forEach(function (o) {
          var picked = chosen.indexOf(o.key) !== -1;
          o.button.setAttribute("aria-disabled", "true");
          o.button.setAttribute("aria-pressed", picked ? "true" : "false");
          if (o.correct) {
            o.button.classList.add("is-right");
            o.verdict.textContent = picked ? "✓ your answer: right" : "✓ right answer";
          } else if (picked) {
            o.button.classList.add("is-wrong");
            o.verdict.textContent = "✗ your answer: wrong";
          }
        });
        var nodes = [el("p", null, right ? "Right." : (multiple ? "Not quite. The right answers are marked ✓." : "Not quite. The right answer is marked ✓."))];
        var list = el("ul");
        Array.prototype.forEach.call(why ? why.children : [], function (li) {
          var key = li.getAttribute("data-option");
          if (multiple || chosen.indexOf(key) !== -1 || li.classList.contains("is-right")) {
            list.appendChild(li.cloneNode(true));
          }
        });
        nodes.push(list);
        if (explanation) nodes.push(explanation.cloneNode(true));
        show(nodes, right);
        if (check) check.hidden = true;
        again.hidden = false;
        if (remember) {
          state[qid] = { chosen: chosen, right: right };
          save(id, state);
          updateScore();
        }
      }

      function reset() {
        answered = false;
        options.forEach(function (o) {
          o.button.removeAttribute("aria-disabled");
          o.button.setAttribute("aria-pressed", "false");
          o.button.classList.remove("is-right", "is-wrong");
          o.verdict.textContent = "";
        });
        feedback.textContent = "";
        feedback.hidden = true;
        if (check) check.hidden = false;
        again.hidden = true;
      }
      q._ckReset = reset;

      var saved = state[qid];
      if (saved && Array.isArray(saved.chosen)) {
        var known = saved.chosen.filter(function (k) { return options.some(function (o) { return o.key === k; }); });
        if (known.length) answer(known, false);
      }
    }
  }

  function setupCopy(b) {
    if (b.getAttribute("data-ready") === "1") return;
    b.setAttribute("data-ready", "1");
    var target = document.getElementById(b.getAttribute("data-copy"));
    if (!target) return;
    var note = b.parentNode.querySelector(".ck-assign__copied");
    b.hidden = false;
    b.addEventListener("click", function () {
      function done(ok) {
        if (note) note.textContent = ok ? "Copied." : "Select the text and copy it (Ctrl+C or ⌘+C).";
      }
      target.focus();
      target.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(target.value).then(function () { done(true); }, function () {
          done(document.execCommand && document.execCommand("copy"));
        });
      } else {
        done(document.execCommand && document.execCommand("copy"));
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ck-quiz[data-quiz]"), setupQuiz);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setupCopy);
  }

  // Material's instant navigation (if ever enabled) swaps pages without a load event: it announces
  // each new page on its document$ observable. Setup is idempotent, so both hooks are safe.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
