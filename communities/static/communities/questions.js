/* Similar questions while a member types the title of a new one.
   Progressive enhancement: without JavaScript the form works the same. The
   suggestions go in a polite live region, so screen readers announce them
   without moving the focus. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  if (!form || !window.fetch) { return; }
  var title = form.querySelector("input[name=title]");
  var region = form.querySelector(".similar-questions");
  if (!title || !region) { return; }
  var DELAY_MS = 300;
  var MIN_LENGTH = 3;
  var timer = null;
  var lastQuery = "";
  var pending = null;

  function show(results) {
    region.textContent = "";
    if (!results.length) { return; }
    var heading = document.createElement("h2");
    heading.textContent = region.dataset.heading;
    var intro = document.createElement("p");
    intro.className = "muted";
    intro.textContent = region.dataset.intro;
    var list = document.createElement("ul");
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    region.appendChild(heading);
    region.appendChild(intro);
    region.appendChild(list);
  }

  function lookUp() {
    var query = title.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < MIN_LENGTH) { show([]); return; }
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var url = form.dataset.similarUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: pending.signal })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () { /* aborted or offline: keep what is shown */ });
  }

  title.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, DELAY_MS);
  });
})();
