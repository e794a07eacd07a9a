#!/usr/bin/env node
// Lint Cypher with Neo4j's own language library (@neo4j-cypher/language-support), offline.
//
// Usage:
//   node lint.mjs FILE.cypher...          lint files; `// :param name => value` comment lines
//                                         declare the parameters the file uses
//   node lint.mjs --stdin < input.json    input: {"labels": [...], "relationshipTypes": [...],
//                                         "propertyKeys": [...], "queries": [{"name", "text",
//                                         "parameters": {name: value}}]} (or just the list)
//   --labels A,B --types T,U              declare the database's labels / relationship types
//                                         for files, so unknown ones are reported (severity 2)
//
// Output (stdout): JSON list of {name, diagnostics: [{severity, message, line, column}]}.
// Severity 1 is an error, 2 a warning. Exit code 0 unless the input could not be read.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const PARAM_LINE = /^\s*\/\/\s*:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.*?)\s*;?\s*$/gm;

function declaredParams(text) {
  const params = {};
  for (const m of text.matchAll(PARAM_LINE)) {
    let value = m[2];
    try { value = JSON.parse(value.replace(/'/g, '"')); } catch { /* keep the text */ }
    params[m[1]] = value;
  }
  return params;
}

function lint(query, common) {
  const dbSchema = { ...common, parameters: { ...declaredParams(query.text), ...(query.parameters ?? {}) } };
  const result = lintCypherQuery(query.text, dbSchema);
  return {
    name: query.name,
    diagnostics: result.diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    })),
  };
}

function main(argv) {
  const common = {};
  let queries = [];
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--stdin') {
      const input = JSON.parse(readFileSync(0, 'utf8'));
      const list = Array.isArray(input) ? input : input.queries;
      if (!Array.isArray(input)) {
        if (input.labels) common.labels = input.labels;
        if (input.relationshipTypes) common.relationshipTypes = input.relationshipTypes;
        if (input.propertyKeys) common.propertyKeys = input.propertyKeys;
      }
      queries = queries.concat(list.map((q, n) => ({ name: q.name ?? `query ${n + 1}`, ...q })));
    } else if (arg === '--labels') {
      common.labels = argv[++i].split(',').filter(Boolean);
    } else if (arg === '--types') {
      common.relationshipTypes = argv[++i].split(',').filter(Boolean);
    } else {
      files.push(arg);
    }
  }
  for (const file of files) queries.push({ name: file, text: readFileSync(file, 'utf8') });
  process.stdout.write(JSON.stringify(queries.map((q) => lint(q, common)), null, 1) + '\n');
}

main(process.argv.slice(2));
