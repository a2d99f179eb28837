// Parses a GEXF file with graphology-gexf, the parser Gephi Lite uses, and fails on any
// complaint: an XML warning or error, a parser exception, or a graph whose node or edge
// count differs from the file's <node> and <edge> elements (graphology merges edges it
// considers the same, so a count that shrinks means the file said something else).
//
// usage: node .ci/gexf_graphology.mjs NODE_DIR FILE.gexf
//   NODE_DIR: the folder where `npm install graphology graphology-gexf` was run
//   (.ci/run uses target/ci-node).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [nodeDir, file] = process.argv.slice(2);
if (!nodeDir || !file) {
  console.error('usage: node gexf_graphology.mjs NODE_DIR FILE.gexf');
  process.exit(2);
}
const require = createRequire(join(resolve(nodeDir), 'node_modules', 'resolver.js'));
const { MultiGraph } = require('graphology');
const gexf = require('graphology-gexf');
const { DOMParser } = require('@xmldom/xmldom');

const complaints = [];
const complain = (level) => (message) => complaints.push(`${level}: ${message}`);
const doc = new DOMParser({
  errorHandler: { warning: complain('warning'), error: complain('error'), fatalError: complain('fatal') },
}).parseFromString(readFileSync(file, 'utf8'), 'application/xml');
if (complaints.length > 0) {
  console.error(`FAIL xml ${file}:\n  ${complaints.join('\n  ')}`);
  process.exit(1);
}

let graph;
try {
  graph = gexf.parse(MultiGraph, doc, { addMissingNodes: false, allowUndeclaredAttributes: false });
} catch (err) {
  console.error(`FAIL graphology-gexf ${file}: ${err.message}`);
  process.exit(1);
}
const nodes = doc.getElementsByTagName('node').length;
const edges = doc.getElementsByTagName('edge').length;
if (graph.order !== nodes || graph.size !== edges) {
  console.error(
    `FAIL graphology-gexf ${file}: read ${graph.order} nodes and ${graph.size} edges, ` +
      `the file has ${nodes} <node> and ${edges} <edge> elements`,
  );
  process.exit(1);
}
console.log(`ok   graphology-gexf: ${graph.order} nodes, ${graph.size} edges (${graph.type})`);
