/* graph-loader time view: one page, a year slider. Each node and edge carries the years
   it holds (first/last, null = open), computed in Python by the one rule of time; this
   script shows a year's relationships and the actors they touch, as graph.as_of does.
   Names and quotes are only ever text. */
(function () {
  "use strict";
  var status = document.getElementById("render-status");
  var drawnOnce = false;

  function updateStatus() {
    status.setAttribute("data-errors", String(window.__viewErrors.length));
    status.setAttribute("data-error-text", window.__viewErrors.join(" | ").slice(0, 2000));
  }
  window.__updateStatus = updateStatus;

  function paintedPixels(canvas) {
    if (!canvas || !canvas.width || !canvas.height) { return 0; }
    try {
      var data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      var count = 0;
      for (var i = 3; i < data.length; i += 16) { if (data[i] !== 0) { count++; } }
      return count;
    } catch (err) {
      return -1;
    }
  }

  var graph = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("mynetwork");
  var nodes = new vis.DataSet(graph.nodes);
  var edges = new vis.DataSet(graph.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.options);
  window.network = network;
  window.graphNodes = nodes;
  window.graphEdges = edges;
  window.addEventListener("load", function () { network.fit(); });

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

  network.on("afterDrawing", function () {
    if (drawnOnce) { return; }
    drawnOnce = true;
    var canvas = container.querySelector("canvas");
    status.setAttribute("data-nodes", String(nodes.get({ filter: function (n) { return !n.hidden; } }).length));
    status.setAttribute("data-edges", String(edges.length));
    status.setAttribute("data-canvas", canvas ? canvas.width + "x" + canvas.height : "none");
    status.setAttribute("data-painted", String(paintedPixels(canvas)));
    status.setAttribute("data-ready", "1");
    updateStatus();
  });
})();
