/* Class results: pool the result codes of a class, entirely in this browser.
 *
 * The teacher pastes codes, one per line. Each line is decoded with resultcode.js against the answer
 * keys the page holds (data-key); a line that is not a valid code is named with its reason and left
 * out, the others count. The page shows, per skill, the share of right answers before and after the
 * lessons, and the spread of the students' total scores. Nothing is sent or stored anywhere.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function percent(right, asked) {
    return asked ? Math.round((100 * right) / asked) : null;
  }

  function quantile(sorted, p) {
    if (!sorted.length) return null;
    var at = (sorted.length - 1) * p, low = Math.floor(at), high = Math.ceil(at);
    return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
  }

  function number(value) {
    return Math.round(value * 10) / 10 + "";
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
    var forms = {};
    key.forms.forEach(function (f) { forms[f.number] = f; });
    var input = box.querySelector(".ck-class__codes");
    var show = box.querySelector("[data-class-show]");
    var clearButton = box.querySelector("[data-class-clear]");
    var problems = box.querySelector(".ck-class__problems");
    var results = box.querySelector(".ck-class__results");
    box.classList.add("ck-class--ready");
    show.hidden = false;
    clearButton.hidden = false;

    clearButton.addEventListener("click", function () {
      input.value = "";
      clear(problems);
      results.hidden = true;
      input.focus();
    });

    show.addEventListener("click", function () {
      clear(problems);
      var lines = input.value.split(/\r?\n/);
      var students = [], bad = [], seen = {};
      lines.forEach(function (line, n) {
        if (!line.trim()) return;
        try {
          var decoded = window.CkResultCode.decode(line, forms);
          var compact = line.replace(/[\s-]+/g, "").toUpperCase();
          decoded.line = n + 1;
          decoded.same = seen[compact] || null;
          seen[compact] = seen[compact] || n + 1;
          decoded.scores = window.CkResultCode.score(decoded.form, decoded.answers);
          students.push(decoded);
        } catch (error) {
          bad.push({line: n + 1, message: error.message || String(error)});
        }
      });
      report(students, bad);
    });

    function report(students, bad) {
      if (bad.length) {
        problems.appendChild(el("p", "ck-class__problems-title",
          bad.length + (bad.length === 1 ? " line was" : " lines were") + " left out:"));
        var list = el("ul");
        bad.forEach(function (b) { list.appendChild(el("li", null, "Line " + b.line + ": " + b.message + ".")); });
        problems.appendChild(list);
      }
      var repeats = students.filter(function (s) { return s.same; });
      if (repeats.length) {
        var note = el("p", "ck-note", "Identical codes: " + repeats.map(function (s) {
          return "line " + s.line + " repeats line " + s.same;
        }).join("; ") + ". Two students with the same answers and no initials have the same code, so all are counted; " +
          "if one was pasted twice, delete it and show the results again.");
        problems.appendChild(note);
      }
      if (!students.length) {
        results.hidden = true;
        if (!bad.length) problems.appendChild(el("p", null, "Paste at least one code first."));
        return;
      }
      var groups = {before: [], after: []};
      students.forEach(function (s) { (groups[s.form.when] || (groups[s.form.when] = [])).push(s); });
      results.querySelector(".ck-class__summary").textContent = students.length + " code" +
        (students.length === 1 ? "" : "s") + " counted: " + groups.before.length + " before the lessons, " +
        groups.after.length + " after." + (bad.length ? " " + bad.length + " left out (see above)." : "");

      // Per skill: the share of right answers in each group.
      var tbody = results.querySelector(".ck-class__skills tbody");
      clear(tbody);
      key.skills.forEach(function (pair) {
        var skill = pair[0];
        var row = el("tr");
        row.appendChild(el("th", null, pair[1])).setAttribute("scope", "row");
        var shares = ["before", "after"].map(function (when) {
          var right = 0, asked = 0;
          groups[when].forEach(function (s) {
            var score = s.scores[skill];
            if (score) { right += score[0]; asked += score[1]; }
          });
          var share = percent(right, asked);
          var cell = el("td");
          if (share === null) {
            cell.textContent = "no codes";
          } else {
            cell.appendChild(el("strong", null, share + "%"));
            cell.appendChild(el("span", "ck-class__of", " " + right + " of " + asked));
          }
          row.appendChild(cell);
          return share;
        });
        var change = shares[0] === null || shares[1] === null ? "" :
          (shares[1] - shares[0] > 0 ? "+" : shares[1] - shares[0] < 0 ? "−" : "±") +
          Math.abs(shares[1] - shares[0]) + " points";
        row.appendChild(el("td", null, change));
        tbody.appendChild(row);
      });

      // The spread: each group's total scores.
      var spread = results.querySelector(".ck-class__spread");
      clear(spread);
      spread.appendChild(el("p", "ck-class__heading", "Spread of the students' scores"));
      ["before", "after"].forEach(function (when) {
        var group = groups[when];
        if (!group.length) return;
        var total = group[0].form.questions.length;
        var totals = group.map(function (s) {
          return Object.keys(s.scores).reduce(function (n, k) { return n + s.scores[k][0]; }, 0);
        }).sort(function (a, b) { return a - b; });
        spread.appendChild(el("p", null, (when === "before" ? "Before" : "After") + " the lessons (" +
          group.length + " student" + (group.length === 1 ? "" : "s") + ", out of " + total + "): lowest " +
          totals[0] + ", lower quarter " + number(quantile(totals, 0.25)) + ", median " +
          number(quantile(totals, 0.5)) + ", upper quarter " + number(quantile(totals, 0.75)) + ", highest " +
          totals[totals.length - 1] + "."));
        var wrap = el("div", "ck-tablewrap");
        var table = el("table", "ck-figtable ck-class__dist");
        table.appendChild(el("caption", null, "How many students scored each total, " +
          (when === "before" ? "before" : "after") + " the lessons"));
        var head = el("tr");
        head.appendChild(el("th", null, "Score")).setAttribute("scope", "col");
        head.appendChild(el("th", null, "Students")).setAttribute("scope", "col");
        var thead = el("thead");
        thead.appendChild(head);
        table.appendChild(thead);
        var body = el("tbody");
        var most = 0, counts = [];
        for (var score = 0; score <= total; score++) {
          var count = totals.filter(function (t) { return t === score; }).length;
          counts.push(count);
          most = Math.max(most, count);
        }
        counts.forEach(function (count, score) {
          var row = el("tr");
          row.appendChild(el("th", null, score + " of " + total)).setAttribute("scope", "row");
          var cell = el("td");
          var bar = el("span", "ck-class__bar ck-w-" + (most ? Math.round((20 * count) / most) * 5 : 0));
          bar.setAttribute("aria-hidden", "true");
          cell.appendChild(bar);
          cell.appendChild(el("span", "ck-class__count", String(count)));
          row.appendChild(cell);
          body.appendChild(row);
        });
        table.appendChild(body);
        wrap.appendChild(table);
        spread.appendChild(wrap);
      });

      // Students who typed initials, for the teacher's own follow-up.
      var people = results.querySelector(".ck-class__people");
      clear(people);
      var named = students.filter(function (s) { return s.initials; });
      if (named.length) {
        people.appendChild(el("p", "ck-class__heading", "Codes with initials"));
        var list = el("ul");
        named.sort(function (a, b) { return a.initials < b.initials ? -1 : a.initials > b.initials ? 1 : a.line - b.line; });
        named.forEach(function (s) {
          var total = Object.keys(s.scores).reduce(function (n, k) { return n + s.scores[k][0]; }, 0);
          list.appendChild(el("li", null, s.initials + ": " + total + " of " + s.form.questions.length + " (" +
            s.form.when + " the lessons, line " + s.line + ")"));
        });
        people.appendChild(list);
      }
      results.hidden = false;
      results.querySelector(".ck-class__summary").focus();
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ck-class[data-class-results]"), setUp);
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
