/* "Try it first" on report pages: mark the cues in the plain quotes, then check.
 *
 * Without this file the page shows the annotated quotes (every cue already marked) and the
 * practice panel stays hidden, so no control is ever dead. With it, the page opens in practice:
 * each claim's quote is shown plain, as words the student marks with a mouse, a finger or the
 * keyboard (Tab to a quote, arrow keys to move, Space to mark); everything that would give the
 * answers away waits. "Check my marks" scores the marks with the rule of macros/claimkit/practice.py
 * (check() below mirrors it; tests/browser/test_practice.py runs both on the same cases), shows
 * found, missed and extra marks with each cue's kind and explanation, then the annotated page.
 *
 * The answer key of each quote is in the page (the claim's data-practice attribute, written by
 * claimkit/practice.py). Marks and score stay in this browser's localStorage; nothing is sent.
 * Like quiz.js and cues.js: no framework, works from file://, copies text, never builds HTML
 * from strings.
 */
(function () {
  "use strict";

  var STORE = "ck-practice:v1:";

  /* The scoring rule of claimkit/practice.py check(), on the same key: a cue is found when one of
     its own words is marked; an extra is a run of consecutive marked words in no cue, with the
     not-cue it touches (if any). */
  function check(key, marked) {
    var chosen = {};
    marked.forEach(function (i) {
      if (i >= 0 && i < key.words.length) chosen[i] = true;
    });
    var found = [], missed = [], inCues = {};
    key.cues.forEach(function (cue, i) {
      (cue.own.some(function (w) { return chosen[w]; }) ? found : missed).push(i);
      cue.words.forEach(function (w) { inCues[w] = true; });
    });
    var extra = [], run = [];
    for (var i = 0; i <= key.words.length; i++) {
      if (i < key.words.length && chosen[i] && !inCues[i]) {
        run.push(i);
        continue;
      }
      if (run.length) {
        var touched = null;
        for (var n = 0; n < key.not_cues.length && touched === null; n++) {
          if (key.not_cues[n].words.some(function (w) { return run.indexOf(w) !== -1; })) touched = n;
        }
        extra.push({ words: run, not_cue: touched });
        run = [];
      }
    }
    return { found: found, missed: missed, extra: extra };
  }

  function load(id) {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE + id) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};  // storage blocked or corrupt: practice still works, without memory
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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function words(key, indexes) {
    return key.quote.slice(key.words[indexes[0]][0], key.words[indexes[indexes.length - 1]][1]);
  }

  /* Runs of consecutive marked words: the phrases a student marked. */
  function phrases(marked) {
    var runs = [], run = [];
    marked.slice().sort(function (a, b) { return a - b; }).forEach(function (i) {
      if (run.length && i !== run[run.length - 1] + 1) {
        runs.push(run);
        run = [];
      }
      run.push(i);
    });
    if (run.length) runs.push(run);
    return runs;
  }

  function setup(panel) {
    if (panel.getAttribute("data-ready") === "1") return;
    panel.setAttribute("data-ready", "1");
    var reportId = panel.getAttribute("data-ck-practice");
    var kinds = JSON.parse(panel.getAttribute("data-kinds"));
    var categories = JSON.parse(panel.getAttribute("data-categories"));
    var task = panel.querySelector(".ck-practice__task");
    var score = panel.querySelector(".ck-practice__score");
    var skip = panel.querySelector('[data-action="skip"]');
    var again = panel.querySelector('[data-action="again"]');
    var end = document.querySelector(".ck-practice-end");
    var checkButton = end.querySelector('[data-action="check"]');
    var count = end.querySelector(".ck-practice__count");
    var extraWhy = document.getElementById("ck-practice-extra-why").textContent;
    var state = load(reportId);

    var claims = Array.prototype.map.call(document.querySelectorAll(".ck-claim[data-practice]"), function (article, n) {
      var key = JSON.parse(article.getAttribute("data-practice"));
      var saved = state.marks && state.marks[key.id];
      var quote = article.querySelector(".ck-quote");
      return {
        article: article, key: key, number: n + 1, quote: quote, annotated: quote.querySelector("p"),
        marked: saved && saved.digest === key.digest && Array.isArray(saved.words) ? saved.words.slice() : [],
        box: null, summary: null, result: null, buttons: []
      };
    });

    function remember() {
      state.marks = {};
      claims.forEach(function (c) {
        if (c.marked.length) state.marks[c.key.id] = { digest: c.key.digest, words: c.marked };
      });
      save(reportId, state);
    }

    function definition(category) {
      var node = document.getElementById("cue-def-" + category);
      return node ? node.textContent : "";
    }

    function describeCue(cue) {
      return kinds[cue.kind].singular + " (" + categories[cue.category].label + ")";
    }

    // --- practice: plain quotes made of words to mark -----------------------------------------

    function updateCount() {
      var total = 0, quotes = 0;
      claims.forEach(function (c) {
        total += c.marked.length;
        if (c.marked.length) quotes += 1;
      });
      count.textContent = total === 0 ? "Nothing marked yet."
        : plural(total, "word", "words") + " marked in " + plural(quotes, "quote", "quotes") + ".";
    }

    function updateSummary(c) {
      var runs = phrases(c.marked);
      c.summary.textContent = runs.length === 0 ? "You have marked nothing in this quote."
        : "You have marked: " + runs.map(function (r) { return "“" + words(c.key, r) + "”"; }).join(", ") + ".";
    }

    function toggle(c, i, on) {
      var at = c.marked.indexOf(i);
      var mark = on === undefined ? at === -1 : on;
      if (mark && at === -1) c.marked.push(i);
      if (!mark && at !== -1) c.marked.splice(at, 1);
      c.buttons[i].setAttribute("aria-pressed", mark ? "true" : "false");
      updateSummary(c);
      updateCount();
      remember();
    }

    // One tab stop per quote (the last word used); the arrow keys move between its words.
    function move(c, to) {
      if (to < 0 || to >= c.buttons.length) return false;
      c.buttons[c.current].tabIndex = -1;
      c.buttons[to].tabIndex = 0;
      c.buttons[to].focus();
      c.current = to;
      return true;
    }

    function buildQuote(c) {
      var key = c.key;
      var box = el("p", "ck-mark-quote");
      c.current = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Quote of claim " + c.number + ": words to mark");
      // Each word keeps the punctuation touching it on its line ("Ukraine," never breaks before the
      // comma): a word, with what leads and trails it up to the nearest space, is one unbreakable run.
      var words = key.words, quote = key.quote;
      function gap(i) {  // the text before word i (i = words.length: after the last word)
        return quote.slice(i === 0 ? 0 : words[i - 1][1], i === words.length ? quote.length : words[i][0]);
      }
      function split(text) {  // [up to the first space, the spaces between, after the last space]
        var first = text.search(/\s/);
        if (first === -1) return [text, "", ""];
        var last = text.length - text.split("").reverse().join("").search(/\s/);
        return [text.slice(0, first), text.slice(first, last), text.slice(last)];
      }
      var lead = "“" + (words.length ? split(gap(0)).join("") : quote);
      c.buttons = words.map(function (w, i) {
        var run = el("span", "ck-w-run");
        var after = split(gap(i + 1));
        var last = i === words.length - 1;
        if (lead) run.appendChild(document.createTextNode(lead));
        var b = el("button", "ck-w", quote.slice(w[0], w[1]));
        b.type = "button";
        b.tabIndex = i === 0 ? 0 : -1;
        b.setAttribute("aria-pressed", c.marked.indexOf(i) !== -1 ? "true" : "false");
        b.setAttribute("data-i", String(i));
        run.appendChild(b);
        if (key.sic.indexOf(w[1]) !== -1) {  // printed with an error and kept as printed
          run.appendChild(document.createTextNode(" "));
          run.appendChild(el("span", "ck-sic", "[sic]"));
        }
        var trail = last ? after.join("") + "”" : after[0];
        if (trail) run.appendChild(document.createTextNode(trail));
        box.appendChild(run);
        if (!last && after[1]) box.appendChild(document.createTextNode(after[1]));
        lead = last ? "" : after[2];
        return b;
      });
      if (!words.length) box.appendChild(document.createTextNode(lead + "”"));
      box.addEventListener("click", function (event) {
        var b = event.target.closest && event.target.closest(".ck-w");
        if (!b) return;
        var i = Number(b.getAttribute("data-i"));
        toggle(c, i);
        move(c, i);
      });
      box.addEventListener("keydown", function (event) {
        var b = event.target.closest && event.target.closest(".ck-w");
        if (!b) return;
        var i = Number(b.getAttribute("data-i"));
        var to = null;
        // In a right-to-left quote (dir="rtl" on it: Hebrew, Arabic...) the next word is on the left.
        var rtl = getComputedStyle(box).direction === "rtl";
        if (event.key === (rtl ? "ArrowLeft" : "ArrowRight")) to = i + 1;
        else if (event.key === (rtl ? "ArrowRight" : "ArrowLeft")) to = i - 1;
        else if (event.key === "Home") to = 0;
        else if (event.key === "End") to = c.buttons.length - 1;
        if (to === null) return;
        event.preventDefault();
        // Shift+arrow marks the word it moves to: a phrase in one sweep.
        if (move(c, to) && event.shiftKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
          if (c.marked.indexOf(i) === -1) toggle(c, i, true);
          toggle(c, to, true);
        }
      });
      return box;
    }

    function clearResults(c) {
      if (c.result) c.result.parentNode.removeChild(c.result);
      c.result = null;
      Array.prototype.forEach.call(c.quote.querySelectorAll(".ck-cue__result"), function (r) {
        r.parentNode.removeChild(r);
      });
      Array.prototype.forEach.call(c.quote.querySelectorAll(".ck-cue"), function (cue) {
        cue.classList.remove("ck-cue--found", "ck-cue--missed");
      });
    }

    function practise() {
      panel.classList.remove("ck-practice--done");
      document.body.classList.add("ck-practising");
      document.body.classList.remove("ck-practised");
      task.hidden = false;
      skip.hidden = false;
      again.hidden = true;
      score.hidden = true;
      score.textContent = "";
      end.hidden = false;
      claims.forEach(function (c) {
        clearResults(c);
        if (c.box) c.box.parentNode.removeChild(c.box);
        if (c.summary) c.summary.parentNode.removeChild(c.summary);
        c.box = buildQuote(c);
        c.summary = el("p", "ck-mark-summary");
        c.summary.setAttribute("aria-live", "polite");
        c.annotated.hidden = true;
        c.quote.appendChild(c.box);
        c.quote.parentNode.insertBefore(c.summary, c.quote.nextSibling);
        updateSummary(c);
      });
      updateCount();
    }

    // --- after practice: the annotated page, with the student's results -------------------------

    function leavePractice() {
      panel.classList.add("ck-practice--done");
      document.body.classList.remove("ck-practising");
      end.hidden = true;
      task.hidden = true;
      skip.hidden = true;
      claims.forEach(function (c) {
        if (c.box) c.box.parentNode.removeChild(c.box);
        if (c.summary) c.summary.parentNode.removeChild(c.summary);
        c.box = c.summary = null;
        c.annotated.hidden = false;
      });
    }

    function item(symbol, className, label, parts) {
      var li = el("li", className);
      li.appendChild(el("span", "ck-practice-result__symbol", symbol));
      li.appendChild(el("strong", null, label + " "));
      parts.forEach(function (part) {
        li.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      return li;
    }

    function quoted(text) {
      return el("span", "ck-practice-result__words", "“" + text + "”");
    }

    /* One quote's results: its cues marked ✓ found or ✗ missed in the annotated quote, and a list.
       A category's explanation is written at its first miss on the page only (explained, a later
       miss points back to it); every cue keeps the annotated view's explanation on hover and focus. */
    function showResults(c, result, explained) {
      var key = c.key;
      var found = {};
      result.found.forEach(function (i) { found[i] = true; });
      Array.prototype.forEach.call(c.quote.querySelectorAll(".ck-cue[data-at]"), function (cue) {
        var i = -1;
        key.cues.forEach(function (k, n) { if (k.at === cue.getAttribute("data-at")) i = n; });
        if (i === -1) return;
        cue.classList.add(found[i] ? "ck-cue--found" : "ck-cue--missed");
        var mark = el("span", "ck-cue__result", found[i] ? "✓ found" : "✗ missed");
        var tag = cue.querySelector(":scope > .ck-cue__tag");
        cue.insertBefore(mark, tag ? tag.nextSibling : null);
      });
      var box = el("div", "ck-practice-result");
      var line = el("p");
      line.appendChild(el("strong", null, "Your marks: "));
      line.appendChild(document.createTextNode(key.cues.length === 0
        ? (result.extra.length === 0 ? "nothing to mark in this quote, and you marked nothing. Right."
          : "nothing to mark in this quote.")
        : result.found.length + " of " + plural(key.cues.length, "cue", "cues") + " found" +
          (result.extra.length ? ", " + plural(result.extra.length, "extra mark", "extra marks") : "") + "."));
      box.appendChild(line);
      var list = el("ul");
      if (result.found.length) {
        var parts = [];
        result.found.forEach(function (i, n) {
          parts.push(quoted(key.cues[i].text), " (" + kinds[key.cues[i].kind].singular + ")" +
            (n === result.found.length - 1 ? "." : ", "));
        });
        list.appendChild(item("✓", "is-found", "Found:", parts));
      }
      result.missed.forEach(function (i) {
        var cue = key.cues[i];
        var why = explained[cue.category] ? " Explained under claim " + explained[cue.category] + "."
          : " " + definition(cue.category);
        if (!explained[cue.category]) explained[cue.category] = c.number;
        list.appendChild(item("✗", "is-missed", "Missed:", [quoted(cue.text), ", " + describeCue(cue) + "." + why]));
      });
      result.extra.forEach(function (extra) {
        var parts = [quoted(words(key, extra.words))];
        parts.push(extra.not_cue === null ? ": not a cue here." : ": not a cue here (" +
          key.not_cues[extra.not_cue].reason + ").");
        list.appendChild(item("+", "is-extra", "Extra:", parts));
      });
      if (list.children.length) box.appendChild(list);
      c.result = box;
      c.quote.parentNode.insertBefore(box, c.quote.nextSibling);
    }

    function showScore(results) {
      var totals = {}, order = [], found = 0, all = 0, extras = 0;
      claims.forEach(function (c, n) {
        var result = results[n];
        extras += result.extra.length;
        c.key.cues.forEach(function (cue, i) {
          if (!totals[cue.kind]) {
            totals[cue.kind] = [0, 0];
            order.push(cue.kind);
          }
          totals[cue.kind][1] += 1;
          all += 1;
          if (result.found.indexOf(i) !== -1) {
            totals[cue.kind][0] += 1;
            found += 1;
          }
        });
      });
      score.textContent = "";
      var line = el("p");
      line.appendChild(el("strong", null, "Your score: "));
      line.appendChild(document.createTextNode(found + " of " + plural(all, "cue", "cues") + " found, " +
        plural(extras, "extra mark", "extra marks") + ". Kept only in this browser."));
      score.appendChild(line);
      var list = el("ul", "ck-practice__kinds-score");
      order.forEach(function (kind) {
        var name = kinds[kind].plural;
        list.appendChild(el("li", null, name.charAt(0).toUpperCase() + name.slice(1) + ": " + totals[kind][0] +
          " of " + totals[kind][1] + " found"));
      });
      score.appendChild(list);
      score.appendChild(el("p", "ck-note", "Each quote below now shows its cues, ✓ found or ✗ missed (hover over " +
        "or focus one for its explanation), and lists your extra marks (+). " + extraWhy));
      score.hidden = false;
    }

    function showChecked(announce) {
      leavePractice();
      document.body.classList.add("ck-practised");
      var explained = {};
      var results = claims.map(function (c) {
        clearResults(c);
        var result = check(c.key, c.marked);
        showResults(c, result, explained);
        return result;
      });
      showScore(results);
      again.textContent = "Try again";
      again.hidden = false;
      if (announce) {
        score.focus();
        score.scrollIntoView({ block: "start" });
      }
    }

    function showAnswers() {
      leavePractice();
      document.body.classList.remove("ck-practised");
      claims.forEach(clearResults);
      score.textContent = "";
      score.appendChild(el("p", null, "You skipped the practice: every cue is marked below."));
      score.hidden = false;
      again.textContent = "Try it first";
      again.hidden = false;
    }

    checkButton.addEventListener("click", function () {
      state.mode = "checked";
      remember();
      showChecked(true);
    });
    skip.addEventListener("click", function () {
      state.mode = "skipped";
      remember();
      showAnswers();
      score.focus();
    });
    again.addEventListener("click", function () {
      if (state.mode === "checked") claims.forEach(function (c) { c.marked = []; });
      state.mode = "practising";
      remember();
      practise();
      panel.scrollIntoView({ block: "start" });
      if (claims.length) claims[0].buttons[0] && claims[0].buttons[0].focus();
    });

    panel.hidden = false;
    if (state.mode === "checked") showChecked(false);
    else if (state.mode === "skipped") showAnswers();
    else practise();
  }

  // For tests and the console: the same rule the page uses.
  window.ckPractice = { check: check };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ck-practice[data-ck-practice]"), setup);
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
