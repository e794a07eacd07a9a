// Load a Cytoscape.js JSON file (exports/graph.cyjs) into headless cytoscape.js, as
// `cy.json(doc)` does in a page, and print what it made of it as JSON: the node and edge
// counts, and per node kind and edge type the colour its style resolves to.
//   node check.mjs graph.cyjs
import { readFileSync } from "node:fs";
import cytoscape from "cytoscape";

const doc = JSON.parse(readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, styleEnabled: true });
cy.json(doc);
const kinds = {};
cy.nodes().forEach((n) => { kinds[n.data("kind")] = n.style("background-color"); });
const types = {};
cy.edges().forEach((e) => {
  types[e.data("type")] = { color: e.style("line-color"), arrow: e.style("target-arrow-shape") };
});
const dangling = cy.edges().filter((e) => e.source().empty() || e.target().empty()).length;
console.log(JSON.stringify({ nodes: cy.nodes().length, edges: cy.edges().length, dangling, kinds, types }));
cy.destroy();
process.exit(0); // headless cytoscape keeps a render loop timer alive
