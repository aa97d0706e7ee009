// The broker network drawn with cytoscape.js (vendored). The elements come from the page
// (a JSON data block, never executed); no inline script, nothing loaded from elsewhere.
(function () {
  "use strict";
  var box = document.getElementById("network-graph");
  var data = document.getElementById("network-data");
  if (!box || !data || typeof cytoscape !== "function") return;
  var elements = JSON.parse(data.textContent);
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
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000,
              idealEdgeLength: 60, numIter: 1500, padding: 20 }
  });
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
