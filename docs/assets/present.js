/* Projector view of a lesson (docs/present/*.md, macros/claimkit/course_present.py).
   The page is a long list of <section class="ck-slide">, each answer in a <details>; this script
   shows one section at a time, filling the window, with type sized to the window.

   Keys: → ↓ Space Page Down: next screen · ← ↑ Shift+Space Page Up: back · Home / End: first and
   last · A: show or hide the answer · F: full screen (Esc leaves it). On a screen longer than the
   window (a phone), ↓ and ↑ scroll it first, and it is a tab stop of its own, so the keyboard
   reaches all of it (WCAG 2.1.1); → Space and Page Down (a presenter's remote) always move on. Buttons at the foot of the
   screen do the same for a mouse or a touch screen. The screen's number goes in the address
   (#slide-3), so a reload or a shared link opens the same screen.

   Plain script, no library, nothing fetched: it works from file:// and under the site's
   Content-Security-Policy (script-src 'self'). Without it the page stays one long page. */
(function () {
  "use strict";

  var deck = document.querySelector(".ck-deck");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".ck-slide"));
  if (!slides.length) return;
  var root = document.documentElement;
  var SMALLEST_FIT = 0.7; // never shrink type below 70% of the window-sized size: scroll instead
  var PHONE_WIDTH = 720;
  var current = -1;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, cls, action) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function answerOf(slide) {
    return slide.querySelector("details.ck-slide__answer");
  }

  // --- the bar at the foot of the screen ------------------------------------------------------
  var bar = el("nav", "ck-deck__controls");
  bar.setAttribute("aria-label", "Screens");
  var back = button("← Back", "ck-deck__back", function () { show(current - 1); });
  var count = el("span", "ck-deck__count");
  count.setAttribute("aria-live", "polite");
  var next = button("Next →", "ck-deck__next", function () { show(current + 1); });
  var reveal = button("Show the answer", "ck-deck__reveal", function () { toggleAnswer(); });
  var full = button("Full screen", "ck-deck__full", function () { toggleFullScreen(); });
  var more = el("span", "ck-deck__more", "↓ More below: scroll");
  var keys = el("span", "ck-deck__keys", "Keys: ← → or space to move, ↓ ↑ to scroll a long screen, A answer, F full screen");
  [back, count, next, reveal, full, more, keys].forEach(function (node) { bar.appendChild(node); });
  if (!root.requestFullscreen) full.hidden = true;
  deck.appendChild(bar);

  // --- type that fits the screen ----------------------------------------------------------------
  function fit(slide) {
    var scale = 1;
    root.style.setProperty("--ck-fit", "1");
    if (window.innerWidth < PHONE_WIDTH) return; // a phone scrolls a long screen: its type is small enough
    while (slide.scrollHeight > slide.clientHeight + 1 && scale > SMALLEST_FIT + 0.001) {
      scale = Math.max(SMALLEST_FIT, scale - 0.05);
      root.style.setProperty("--ck-fit", String(scale));
    }
  }

  // A screen longer than the window (after the type has shrunk as far as it may) says so.
  function scrolls(slide) {
    return slide.scrollHeight > slide.clientHeight + 1;
  }

  function showMore() {
    var slide = slides[current];
    more.hidden = slide.scrollTop + slide.clientHeight >= slide.scrollHeight - 1;
    if (scrolls(slide)) slide.setAttribute("tabindex", "0");
    else slide.removeAttribute("tabindex");
  }

  // ↓ ↑ on a long screen: scroll it until its end, then move.
  var SCROLLS = { ArrowDown: 1, ArrowUp: -1 };
  function scrollWithin(key) {
    var slide = slides[current];
    if (!(key in SCROLLS) || !scrolls(slide)) return false;
    var down = SCROLLS[key] > 0;
    var room = down ? slide.scrollHeight - slide.clientHeight - slide.scrollTop : slide.scrollTop;
    if (room <= 1) return false;
    slide.scrollTop += (down ? 1 : -1) * Math.min(48, room);
    showMore();
    return true;
  }

  function showRevealState(slide) {
    var answer = answerOf(slide);
    reveal.hidden = !answer;
    if (!answer) return;
    slide.classList.toggle("is-revealed", answer.open);
    reveal.textContent = answer.open ? "Hide the answer" : "Show the answer";
    reveal.setAttribute("aria-expanded", answer.open ? "true" : "false");
  }

  function show(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    if (index === current) return;
    current = index;
    slides.forEach(function (slide, n) {
      slide.hidden = n !== current;
      if (n !== current) slide.removeAttribute("tabindex");
      slide.classList.toggle("is-current", n === current);
    });
    more.hidden = true;
    var slide = slides[current];
    slide.scrollTop = 0;
    count.textContent = (current + 1) + " / " + slides.length;
    back.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    showRevealState(slide);
    try {
      history.replaceState(null, "", "#" + slide.id);
    } catch (e) { /* some browsers refuse history on file://; the screen still changes */ }
    fit(slide);
    showMore();
  }

  function toggleAnswer() {
    var slide = slides[current];
    var answer = answerOf(slide);
    if (!answer) return;
    answer.open = !answer.open;
    showRevealState(slide); // now, not only on the "toggle" event, which fires later: a key's effect shows at once
  }

  function toggleFullScreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () { /* refused (e.g. not from a key or click) */ });
    }
  }

  slides.forEach(function (slide) {
    slide.addEventListener("scroll", showMore);
    var answer = answerOf(slide);
    if (!answer) return;
    answer.addEventListener("toggle", function () {
      if (slide !== slides[current]) return;
      showRevealState(slide);
      fit(slide);
      // an answer too long for the screen starts at the top of the screen (the question is above)
      if (answer.open && slide.scrollHeight > slide.clientHeight) slide.scrollTop = answer.offsetTop - slide.offsetTop - 8;
      showMore();
    });
  });

  function slideFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var n = 0; target && n < slides.length; n++) {
      if (slides[n] === target || slides[n].contains(target)) return n;
    }
    return 0;
  }

  var ACTIONS = {
    ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
    ArrowLeft: -1, ArrowUp: -1, PageUp: -1, Backspace: -1
  };

  // Capture phase on window, so the theme's own shortcuts (search, next page) never see these keys.
  window.addEventListener("keydown", function (event) {
    if (!root.classList.contains("ck-presenting")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var key = event.key;
    // Space and Enter on a focused button, link or summary press it, as usual.
    if ((key === " " || key === "Enter") && target && target.closest && target.closest("button, a, summary")) return;
    var handled = true;
    if (scrollWithin(key)) {
      // a long screen scrolled by one step
    } else if (key in ACTIONS) {
      show(current + (key === " " && event.shiftKey ? -1 : ACTIONS[key]));
    } else if (key === "Home") {
      show(0);
    } else if (key === "End") {
      show(slides.length - 1);
    } else if (key === "a" || key === "A") {
      toggleAnswer();
    } else if (key === "f" || key === "F") {
      toggleFullScreen();
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  window.addEventListener("resize", function () { fit(slides[current]); showMore(); });
  window.addEventListener("hashchange", function () { show(slideFromHash()); });

  root.classList.add("ck-presenting");
  show(slideFromHash());
})();
