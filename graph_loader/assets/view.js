/* graph-loader view: the network (network.js) with search and filters. Names and quotes are only ever used as text (textContent,
   vis-network string titles, canvas labels), never as markup. */
(function () {
  "use strict";
  var page = window.graphLoaderNetwork();  /* network.js */
  var graph = page.graph, nodes = page.nodes, edges = page.edges;
  var network = page.network;

  /* ---- search: name or alias -> select and focus the node ---- */
  var byName = [];
  graph.nodes.forEach(function (n) {
    byName.push({ id: n.id, key: String(n.name || n.label).toLowerCase() });
    if (n.label !== n.name) { byName.push({ id: n.id, key: String(n.label).toLowerCase() }); }
    (n.aliases || []).forEach(function (a) { byName.push({ id: n.id, key: String(a).toLowerCase() }); });
  });
  var result = document.getElementById("search-result");
  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var i;
    for (i = 0; i < byName.length; i++) { if (byName[i].key === q) { return byName[i].id; } }
    for (i = 0; i < byName.length; i++) { if (byName[i].key.indexOf(q) === 0) { return byName[i].id; } }
    for (i = 0; i < byName.length; i++) { if (byName[i].key.indexOf(q) >= 0) { return byName[i].id; } }
    return null;
  }
  function focusNode(id) {
    var n = nodes.get(id);
    if (n && n.hidden) { nodes.update({ id: id, hidden: false }); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  }
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = document.getElementById("search").value;
    var id = findNode(query);
    if (id === null) {
      result.textContent = query.trim() ? "not found: " + query.trim() : "";
      return;
    }
    result.textContent = "";
    focusNode(id);
  });
  document.getElementById("search").addEventListener("change", function () {
    var id = findNode(this.value);
    if (id !== null) { result.textContent = ""; focusNode(id); }
  });

  /* ---- filters: kinds and relationship types, via the DataSets' hidden flags ---- */
  var kindOf = {};
  graph.nodes.forEach(function (n) { kindOf[n.id] = n.kind; });
  function checkedValues(cls) {
    var on = {};
    document.querySelectorAll("input." + cls).forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }
  function applyFilters() {
    var kinds = checkedValues("f-kind");
    var types = checkedValues("f-type");
    nodes.update(graph.nodes.map(function (n) { return { id: n.id, hidden: kinds[n.kind] === false }; }));
    edges.update(graph.edges.map(function (e) {
      var hidden = types[e.rtype] === false || kinds[kindOf[e.from]] === false || kinds[kindOf[e.to]] === false;
      return { id: e.id, hidden: hidden };
    }));
  }
  document.querySelectorAll("input.f-kind, input.f-type").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  /* a family's box switches all its types; a type's box leaves the family ticked while
     any of its types is */
  document.querySelectorAll("input.f-family").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("input.f-type").forEach(function (t) {
        if (t.getAttribute("data-family") === box.value) { t.checked = box.checked; }
      });
      applyFilters();
    });
  });
  document.querySelectorAll("input.f-type").forEach(function (t) {
    t.addEventListener("change", function () {
      var fam = t.getAttribute("data-family"), any = false;
      document.querySelectorAll("input.f-type").forEach(function (o) {
        if (o.getAttribute("data-family") === fam && o.checked) { any = true; }
      });
      document.querySelectorAll("input.f-family").forEach(function (f) {
        if (f.value === fam) { f.checked = any; }
      });
    });
  });
  function setAll(value) {
    document.querySelectorAll("input.f-kind, input.f-type, input.f-family").forEach(function (box) { box.checked = value; });
    applyFilters();
  }
  document.getElementById("filter-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("filter-none").addEventListener("click", function () { setAll(false); });
})();
