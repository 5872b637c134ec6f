/* Result codes of the pre/post check: encode a student's answers, decode a code on the class page.
 *
 * The same format as macros/claimkit/result_code.py (read its docstring for the design); a browser
 * test encodes and decodes with both and checks they agree. Bech32 alphabet, Bech32m checksum
 * (BIP-173, BIP-350), prefix RWC1, version 1. No network, no storage: plain functions on window.
 */
(function () {
  "use strict";

  var PREFIX = "rwc";
  var VERSION = 1;
  var CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  var BECH32M = 0x2bc830a3;
  var GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  var HEADER_BITS = 20;

  function polymod(values) {
    var check = 1;
    for (var n = 0; n < values.length; n++) {
      var top = check >>> 25;
      check = (((check & 0x1ffffff) << 5) ^ values[n]) >>> 0;
      for (var i = 0; i < 5; i++) {
        if ((top >>> i) & 1) check = (check ^ GENERATOR[i]) >>> 0;
      }
    }
    return check;
  }

  function hrpExpand(hrp) {
    var out = [], i;
    for (i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
    out.push(0);
    for (i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
    return out;
  }

  function checksum(hrp, data) {
    var mod = (polymod(hrpExpand(hrp).concat(data, [0, 0, 0, 0, 0, 0])) ^ BECH32M) >>> 0;
    var out = [];
    for (var i = 0; i < 6; i++) out.push(Math.floor(mod / Math.pow(32, 5 - i)) & 31);
    return out;
  }

  function verify(hrp, values) {
    return polymod(hrpExpand(hrp).concat(values)) === BECH32M;
  }

  function bits(value, width) {
    var s = value.toString(2);
    while (s.length < width) s = "0" + s;
    return width ? s : "";
  }

  function answerBits(form) {
    return form.questions.reduce(function (n, q) { return n + q.options; }, 0);
  }

  function dataLength(form, initials) {
    return Math.ceil((HEADER_BITS + 2 + 5 * initials + answerBits(form)) / 5);
  }

  function cleanInitials(text) {
    return (text || "").toUpperCase().replace(/[^A-Z]/g, "").slice(0, 3);
  }

  /* form: the key of one form ({number, fingerprint, questions: [{options}]}); answers: arrays of
     chosen option indexes, one per question; initials: up to three letters (others are dropped). */
  function encode(form, answers, initials) {
    initials = cleanInitials(initials);
    if (answers.length !== form.questions.length) throw new Error("one answer per question");
    var s = bits(VERSION, 5) + bits(form.number, 5) + bits(form.fingerprint, 10) + bits(initials.length, 2);
    for (var i = 0; i < initials.length; i++) s += bits(initials.charCodeAt(i) - 65, 5);
    form.questions.forEach(function (q, n) {
      for (var o = 0; o < q.options; o++) s += answers[n].indexOf(o) >= 0 ? "1" : "0";
    });
    while (s.length % 5) s += "0";
    var data = [];
    for (var j = 0; j < s.length; j += 5) data.push(parseInt(s.slice(j, j + 5), 2));
    var all = data.concat(checksum(PREFIX, data));
    return (PREFIX + "1" + all.map(function (v) { return CHARSET.charAt(v); }).join("")).toUpperCase();
  }

  function group(code) {
    var out = [code.slice(0, 4)];
    for (var i = 4; i < code.length; i += 4) out.push(code.slice(i, i + 4));
    return out.join(" ");
  }

  function CodeError(message) {
    this.name = "CodeError";
    this.message = message;
  }
  CodeError.prototype = Object.create(Error.prototype);

  /* forms: {number: form key}. Returns {form, initials, answers} or throws a CodeError whose message
     says what is wrong, in the same words as result_code.py. */
  function decode(text, forms) {
    var code = String(text).replace(/\s+/g, "").replace(/-/g, "").toLowerCase();
    if (code.indexOf(PREFIX + "1") !== 0) throw new CodeError("this is not a result code: a code starts with RWC1");
    var body = code.slice(PREFIX.length + 1);
    var bad = [];
    for (var i = 0; i < body.length; i++) {
      var c = body.charAt(i);
      if (CHARSET.indexOf(c) < 0 && bad.indexOf(c) < 0) bad.push(c);
    }
    if (bad.length) {
      bad.sort();
      throw new CodeError("the code has " + bad.map(function (b) { return "'" + b.toUpperCase() + "'"; }).join(", ") +
        ", which no code contains: check that it was copied exactly");
    }
    var values = [];
    for (i = 0; i < body.length; i++) values.push(CHARSET.indexOf(body.charAt(i)));
    if (values.length < 10) throw new CodeError("the code is too short: part of it is missing");
    var form = forms[values[1]];
    if (form) {  // its length follows from the form and the number of initials (before any checksum)
      var expected = dataLength(form, values[4] >> 3) + 6;
      if (values.length < expected) {
        throw new CodeError("the code is " + (expected - values.length) + " character(s) too short for form " +
          form.number + " (" + form.title + "): part of it is missing");
      }
      if (values.length > expected) {
        throw new CodeError("the code is " + (values.length - expected) + " character(s) too long for form " +
          form.number + " (" + form.title + "): something was added to it");
      }
    }
    if (!verify(PREFIX, values)) {
      throw new CodeError("the check characters at the end do not match the rest: a character was changed, " +
        "mistyped, added or left out");
    }
    var data = values.slice(0, -6);
    var s = data.map(function (v) { return bits(v, 5); }).join("");
    var version = parseInt(s.slice(0, 5), 2), number = parseInt(s.slice(5, 10), 2);
    var fingerprint = parseInt(s.slice(10, 20), 2);
    if (version !== VERSION) {
      throw new CodeError("the code was made by another version of the check (version " + version +
        "); this page reads version " + VERSION);
    }
    form = forms[number];
    if (!form) throw new CodeError("the code is for form " + number + ", which this site does not have");
    if (fingerprint !== form.fingerprint) {
      throw new CodeError("the code was made with an older version of form " + number + " (" + form.title +
        "), whose questions have changed since: it cannot be scored with today's answers");
    }
    var count = parseInt(s.slice(20, 22), 2);
    if (data.length !== dataLength(form, count)) {
      throw new CodeError("the code has the wrong length for form " + number + " (" + form.title +
        "): characters were added or left out");
    }
    var position = 22, initials = "";
    for (i = 0; i < count; i++) {
      var letter = parseInt(s.slice(position, position + 5), 2);
      if (letter > 25) throw new CodeError("the initials in the code are not letters: it was not made by the check page");
      initials += String.fromCharCode(65 + letter);
      position += 5;
    }
    var answers = [];
    for (var q = 0; q < form.questions.length; q++) {
      var question = form.questions[q], chosen = [];
      for (var o = 0; o < question.options; o++) if (s.charAt(position + o) === "1") chosen.push(o);
      if (chosen.length > 1 && question.correct.length === 1) {
        throw new CodeError("the code gives two answers to question " + question.id +
          ", which has one: it was not made by the check page");
      }
      answers.push(chosen);
      position += question.options;
    }
    if (s.slice(position).indexOf("1") >= 0) throw new CodeError("the code has stray data at its end: it was not made by the check page");
    return {form: form, initials: initials, answers: answers};
  }

  /* skill -> [right, asked] for one set of answers; right means exactly the right options. */
  function score(form, answers) {
    var result = {};
    form.questions.forEach(function (q, n) {
      var chosen = answers[n].slice().sort(), correct = q.correct.slice().sort();
      var right = chosen.length === correct.length && chosen.every(function (v, i) { return v === correct[i]; });
      var entry = result[q.skill] || [0, 0];
      result[q.skill] = [entry[0] + (right ? 1 : 0), entry[1] + 1];
    });
    return result;
  }

  window.CkResultCode = {encode: encode, decode: decode, group: group, score: score, CodeError: CodeError,
                         checksum: checksum, verify: verify, CHARSET: CHARSET};
})();
