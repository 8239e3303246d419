// The pages' few scripts, each an enhancement: every page works without them.
"use strict";

// Filters that apply themselves when ticked (the search page's facets).
document.querySelectorAll("input[data-autosubmit]").forEach((box) => {
  box.addEventListener("change", () => box.form.submit());
});

// Suggestions under a search box, from /api/v1/suggest: arrow keys move, Enter opens the
// chosen entity, Escape closes the list.
document.querySelectorAll("input[data-suggest]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  const base = input.dataset.base || "";
  let items = [], active = -1, timer = null, asked = 0;

  const path = (iri) => (base && iri.startsWith(base) ? "/" + iri.slice(base.length) : iri);

  function close() {
    list.hidden = true; list.replaceChildren(); items = []; active = -1;
    input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
  }

  function show(suggestions) {
    list.replaceChildren();
    items = suggestions.map((s, i) => {
      const li = document.createElement("li");
      li.id = list.id + "-" + i; li.setAttribute("role", "option");
      li.textContent = s.label + (s.match && s.match !== s.label ? " (" + s.match + ")" : "");
      li.dataset.href = path(s["@id"]);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); location.href = li.dataset.href; });
      list.appendChild(li);
      return li;
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(items.length > 0));
  }

  function select(i) {
    items.forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
    active = i;
    if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
  }

  async function fetchSuggestions() {
    const q = input.value.trim(), mine = ++asked;
    if (!q) { close(); return; }
    const response = await fetch(input.dataset.suggest + "?limit=8&q=" + encodeURIComponent(q));
    if (mine !== asked || !response.ok) return;
    show((await response.json()).suggestions || []);
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); select(Math.min(active + 1, items.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(Math.max(active - 1, 0)); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = items[active].dataset.href; }
  });
});

// The SPARQL page: YASGUI over /sparql in place of the plain form, when it is installed; the
// example links load their query into it instead of reloading the page.
const editorHome = document.getElementById("yasgui");
if (editorHome && window.Yasgui) {
  const form = document.querySelector("form.sparql");
  const yasgui = new window.Yasgui(editorHome, {
    requestConfig: { endpoint: editorHome.dataset.endpoint, method: "POST" },
    copyEndpointOnNewTab: false, persistenceId: null, populateFromUrl: false,
    endpointCatalogueOptions: { getData: () => [] },
  });
  labelControls(editorHome);
  new MutationObserver(() => labelControls(editorHome))
    .observe(editorHome, { childList: true, subtree: true });
  const tab = yasgui.getTab();
  tab.setQuery(form.querySelector("textarea").value);
  form.hidden = true;
  const texts = document.getElementById("example-texts").content;
  document.querySelectorAll("a[data-example]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const pre = texts.querySelector(`pre[data-name="${link.dataset.example}"]`);
      if (!pre) return;
      event.preventDefault();
      tab.setQuery(pre.textContent);
    });
  });
}

// YASGUI leaves some of its fields without a name for screen readers: give each one, in the
// page's language (the data-label-* attributes of the editor's element).
function labelControls(home) {
  const names = home.dataset;
  home.querySelectorAll("input, select, textarea").forEach((field) => {
    if ((field.labels && field.labels.length) || field.getAttribute("aria-label")) return;
    const where = field.closest(".autocompleteWrapper, .selector, .pageSizeWrapper, .CodeMirror");
    let name = names.labelOther;
    if (field.tagName === "TEXTAREA" && where) name = names.labelEditor;
    else if (field.classList.contains("autocomplete")) name = names.labelEndpoint;
    else if (field.classList.contains("tableSizer")) name = names.labelPagesize;
    else if (field.tagName === "SELECT") name = names.labelFormat;
    else if (field.type === "text") name = names.labelFilter;
    field.setAttribute("aria-label", name);
  });
}
