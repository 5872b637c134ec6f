/* Search from a page opened from disk (file://), for the offline classroom bundle only.
 *
 * Browsers refuse to start a Web Worker from a file:// page, and Material's search runs
 * in a worker. Material's offline plugin therefore loads a shim (the iframe-worker
 * package) that replaces window.Worker, on file:// only, by a hidden same-origin
 * <iframe> running the worker script. That package is fetched from a CDN and writes
 * an inline <script> into the iframe, which this site's Content-Security-Policy blocks
 * (script-src 'self' plus fixed hashes; the inline text embeds the worker's absolute
 * URL, so no fixed hash can allow it). This file does the same job without either:
 * it is served by the site itself, and it sets the worker's postMessage/importScripts
 * from this window, then loads the worker script with a <script src>, which 'self' allows.
 *
 * Listed in mkdocs.offline.yml under extra.polyfills (Material's offline plugin looks
 * for "iframe-worker" in a polyfill's URL and then does not add its CDN copy).
 * On http(s) it does nothing. After iframe-worker by Martin Donath (MIT licence).
 */
(function () {
  "use strict";

  function IFrameWorker(url) {
    var target = document.createDocumentFragment();  // an EventTarget for the page's listeners
    var iframe = document.createElement("iframe");
    var self = this;
    this.iframe = iframe;
    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);

    iframe.hidden = true;
    iframe.setAttribute("aria-hidden", "true");
    iframe.tabIndex = -1;
    iframe.title = "Search worker";
    document.body.appendChild(iframe);
    var win = iframe.contentWindow;
    var doc = win.document;

    // The worker's side: what it posts becomes a message event on this object.
    win.postMessage = function (data) {
      var copy = structuredClone(data);
      setTimeout(function () {
        var event = new MessageEvent("message", { data: copy });
        self.dispatchEvent(event);
        if (typeof self.onmessage === "function") self.onmessage(event);
      }, 0);
    };
    // importScripts cannot be synchronous here: like iframe-worker, it returns a Promise.
    win.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (promise, src) {
        return promise.then(function () {
          return new Promise(function (resolve, reject) {
            var script = doc.createElement("script");
            script.src = new URL(src, url).href;
            script.onload = resolve;
            script.onerror = reject;
            doc.body.appendChild(script);
          });
        });
      }, Promise.resolve());
    };

    if (!doc.body) doc.documentElement.appendChild(doc.createElement("body"));
    this.ready = new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = String(url);
      script.onload = resolve;
      script.onerror = function () {
        var event = new ErrorEvent("error", { message: "could not load " + url, filename: String(url) });
        self.dispatchEvent(event);
        if (typeof self.onerror === "function") self.onerror(event);
        reject(event);
      };
      doc.body.appendChild(script);
    });
  }

  IFrameWorker.prototype.postMessage = function (data) {
    var win = this.iframe.contentWindow;
    var copy = structuredClone(data);
    this.ready.then(function () {
      win.dispatchEvent(new win.MessageEvent("message", { data: copy }));
    }, function () { /* the error was reported when loading failed */ });
  };

  IFrameWorker.prototype.terminate = function () {
    this.iframe.remove();
  };

  window.IFrameWorker = IFrameWorker;  // Material's search worker looks for this name
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
