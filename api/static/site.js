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
  // once a frame at most: typing in the editor changes its DOM at every key
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; labelControls(editorHome); });
  }).observe(editorHome, { childList: true, subtree: true });
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

// The ancient-book viewer: the pages of the book's IIIF manifest (Presentation 3) in
// OpenSeadragon, one at a time, from their image services; the page's text below follows.
const viewerHome = document.getElementById("viewer");
if (viewerHome && window.OpenSeadragon) {
  showBook(viewerHome);
}

async function showBook(home) {
  const manifest = await (await fetch(home.dataset.manifest)).json();
  const pages = (manifest.items || []).map((canvas) => {
    const body = canvas.items[0].items[0].body;
    const service = [].concat(body.service || [])[0];
    const label = canvas.label ? Object.values(canvas.label)[0][0] : canvas.id;
    return { label, source: service ? (service.id || service["@id"]) + "/info.json" : { type: "image", url: body.id } };
  });
  const viewer = window.OpenSeadragon({ element: home, prefixUrl: home.dataset.prefix,
    tileSources: pages.map((p) => p.source), sequenceMode: true, showNavigator: false });
  const choice = document.getElementById("page-choice");
  pages.forEach((p, i) => choice.add(new Option(p.label, String(i))));
  const show = (i) => { viewer.goToPage(i); };
  choice.addEventListener("change", () => show(Number(choice.value)));
  document.getElementById("page-prev").addEventListener("click", () => show(Math.max(0, viewer.currentPage() - 1)));
  document.getElementById("page-next").addEventListener("click", () => show(Math.min(pages.length - 1, viewer.currentPage() + 1)));
  viewer.addHandler("page", (event) => {
    choice.value = String(event.page);
    const text = document.querySelector(`section.page[data-order="${event.page + 1}"]`);
    if (text) text.scrollIntoView({ block: "nearest" });
  });
  home.dataset.pages = String(pages.length);
}
