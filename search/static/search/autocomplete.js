/* Suggestions under search boxes (inputs with data-autocomplete="<endpoint>"),
   following the ARIA combobox pattern: arrows move through the list, Enter opens
   the suggestion, Escape closes the list. Without JavaScript the form submits as is. */
(function () {
  "use strict";
  var DELAY = 150;
  var count = 0;

  function setup(input) {
    var form = input.form;
    var id = "suggestions-" + (++count);
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = null;
    var pending = null;

    list.id = id;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-autocomplete-label") || "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.classList.add("search-autocomplete");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }

    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, index) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", suggestion.url);
        kind.className = "search-suggestions__kind";
        kind.textContent = suggestion.kind_label;
        option.appendChild(document.createTextNode(suggestion.label + " "));
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(suggestion.url);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (pending) pending.abort();
      if (query.length < 2) { show([]); return; }
      var params = new URLSearchParams({ q: query, lang: document.documentElement.lang || "" });
      var scope = form && form.querySelector("input[name=scope]:checked");
      if (scope && scope.value) params.set("scope", scope.value);
      pending = new AbortController();
      fetch(input.getAttribute("data-autocomplete") + "?" + params, { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          show(data.suggestions || []);
          status.textContent = data.message || "";
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].getAttribute("data-url"));
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
