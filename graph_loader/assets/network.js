/* graph-loader pages' shared part (the views and the time view): the network drawn from
   the page's JSON block, and the render-status marker the browser tests read. Names and
   quotes are only ever used as text. */
window.graphLoaderNetwork = function () {
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
      var ctx = canvas.getContext("2d");
      var data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
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

  /* The page may be laid out after the first draw (e.g. inside a notebook's iframe):
     fit the network to its final size once everything has loaded. */
  window.addEventListener("load", function () { network.fit(); });

  /* Drawing is asynchronous: the marker counts what the first draw shows, after the
     page's own script has hidden what it hides. */
  network.on("afterDrawing", function () {
    if (drawnOnce) { return; }
    drawnOnce = true;
    var canvas = container.querySelector("canvas");
    var visible = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    status.setAttribute("data-nodes", String(visible));
    status.setAttribute("data-edges", String(edges.length));
    status.setAttribute("data-canvas", canvas ? canvas.width + "x" + canvas.height : "none");
    status.setAttribute("data-painted", String(paintedPixels(canvas)));
    status.setAttribute("data-ready", "1");
    updateStatus();
  });

  return { graph: graph, status: status, nodes: nodes, edges: edges, network: network };
};
