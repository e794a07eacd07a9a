/* graph-loader time view: one page, a year slider. Each node and edge carries the years
   it holds (first/last, null = open), computed in Python by the one rule of time; this
   script shows a year's relationships and the actors they touch, as graph.as_of does.
   Names and quotes are only ever text. */
(function () {
  "use strict";
  var page = window.graphLoaderNetwork();  /* network.js */
  var graph = page.graph, status = page.status, nodes = page.nodes, edges = page.edges;
  var network = page.network;

  var slider = document.getElementById("year");
  var label = document.getElementById("year-label");
  var counts = document.getElementById("year-counts");
  var hideUndated = document.getElementById("hide-undated");
  var playButton = document.getElementById("play");

  function holds(item, year) {
    return (item.first === null || item.first <= year) && (item.last === null || year <= item.last);
  }

  /* Show the year's relationships (all, or the dated ones) and the actors they touch. */
  function showYear() {
    var year = parseInt(slider.value, 10);
    var dropUndated = hideUndated.checked;
    var touched = {};
    var nEdges = 0;
    var edgeUpdates = graph.edges.map(function (e) {
      var on = holds(e, year) && (e.dated || !dropUndated);
      if (on) { touched[e.from] = true; touched[e.to] = true; nEdges++; }
      return { id: e.id, hidden: !on };
    });
    var nNodes = 0;
    var nodeUpdates = graph.nodes.map(function (n) {
      var on = touched[n.id] === true;
      if (on) { nNodes++; }
      return { id: n.id, hidden: !on };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    label.textContent = String(year);
    counts.textContent = nNodes + " actors, " + nEdges + " relationships" +
      (dropUndated ? " (dated only)" : "");
    status.setAttribute("data-year", String(year));
    status.setAttribute("data-visible-nodes", String(nNodes));
    status.setAttribute("data-visible-edges", String(nEdges));
    status.setAttribute("data-undated-hidden", dropUndated ? "1" : "0");
  }
  window.showYear = showYear;
  slider.addEventListener("input", showYear);
  hideUndated.addEventListener("change", showYear);

  var timer = null;
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    playButton.textContent = "\u25B6 Play";
  }
  playButton.addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    if (parseInt(slider.value, 10) >= parseInt(slider.max, 10)) { slider.value = slider.min; showYear(); }
    playButton.textContent = "\u275A\u275A Pause";
    timer = setInterval(function () {
      var y = parseInt(slider.value, 10);
      if (y >= parseInt(slider.max, 10)) { stop(); return; }
      slider.value = String(y + 1);
      showYear();
    }, 700);
  });

  showYear();
})();
