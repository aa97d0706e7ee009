// The broker network drawn with cytoscape.js (vendored). The elements come from the page
// (a JSON data block, never executed); no inline script, nothing loaded from elsewhere.
(function () {
  "use strict";
  var box = document.getElementById("network-graph");
  var data = document.getElementById("network-data");
  if (!box || !data || typeof cytoscape !== "function") return;
  var elements = JSON.parse(data.textContent);
  // a large network is mostly many small groups: one force layout over all of it took a
  // quarter of a minute (2,000 nodes); each group laid out alone, largest first, takes little
  var large = elements.length > 1500;
  var cy = cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "color": "#1d2430",
          "text-valign": "bottom", "text-margin-y": 3, "text-outline-color": "#fff",
          "text-outline-width": 2, "width": "mapData(degree, 1, 12, 14, 34)",
          "height": "mapData(degree, 1, 12, 14, 34)", "background-color": "#7b8794" } },
      { selector: "node[kind = 'perpetrator']", style: {
          "background-color": "#8e3a8a", "shape": "round-rectangle" } },
      { selector: "node[role = 'buyer']", style: { "background-color": "#b93a32" } },
      { selector: "node[role = 'recruiter']", style: { "background-color": "#c96b00" } },
      { selector: "node[role = 'police'], node[role = 'border_guard']", style: {
          "background-color": "#4b4b4b" } },
      { selector: "node[kind = 'place']", style: {
          "background-color": "#2b5d8a", "shape": "diamond", "font-weight": "bold" } },
      { selector: "node[kind = 'victim']", style: {
          "background-color": "#c9d3df", "width": 10, "height": 10, "font-size": 9,
          "color": "#5d6776" } },
      { selector: "edge", style: {
          "width": "mapData(weight, 1, 6, 1.2, 5)", "line-color": "#a3adb8",
          "curve-style": "bezier", "opacity": 0.8 } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#ffd25e" } }
    ],
    layout: large ? { name: "preset" } :
      { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000,
        idealEdgeLength: 60, numIter: 1500, padding: 20 }
  });
  if (large) {
    var groups = cy.elements().components().sort(function (a, b) {
      return b.nodes().length - a.nodes().length;
    });
    function sideOf(group) { return 50 + 40 * Math.sqrt(group.nodes().length); }
    var area = 0;
    groups.forEach(function (group) { area += Math.pow(sideOf(group) + 25, 2); });
    // rows as wide as the drawing box's shape asks for
    var width = Math.sqrt(area * box.clientWidth / Math.max(box.clientHeight, 1));
    var x = 0, y = 0, rowHeight = 0;
    groups.forEach(function (group) {
      var n = group.nodes().length, side = sideOf(group);
      if (x + side > width) { x = 0; y += rowHeight + 25; rowHeight = 0; }
      group.layout({ name: n > 2 ? "cose" : "grid", animate: false, randomize: true,
                     fit: false, numIter: 400, nodeRepulsion: 9000, idealEdgeLength: 50,
                     boundingBox: { x1: x, y1: y, w: side, h: side } }).run();
      x += side + 25;
      rowHeight = Math.max(rowHeight, side);
    });
    cy.fit(undefined, 20);
  }
  // click a node: show its neighbourhood only; click the background: everything again
  cy.on("tap", "node", function (ev) {
    var near = ev.target.closedNeighborhood();
    cy.elements().addClass("faded");
    near.removeClass("faded");
  });
  cy.on("tap", function (ev) {
    if (ev.target === cy) cy.elements().removeClass("faded");
  });
  box.setAttribute("data-drawn", String(cy.nodes().length));
})();
