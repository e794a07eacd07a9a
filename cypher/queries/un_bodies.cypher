// title: UN bodies and offices involved
// description: Everything that is part of the United Nations (directly or through
//   another organ, up to 3 levels), with what each does in the graph.
// expected: 8 parts of the UN: OCHA, OHCHR, the Security Council, the Secretary-General,
//   the Special Envoy for the South Caucasus, UNDP, UNHCR and WFP, all directly.
MATCH p = (b:Actor)-[:PART_OF*1..3]->(:Actor {id: 'un'})
WITH b, min(length(p)) AS depth
OPTIONAL MATCH (b)-[r]->(t:Actor)
WHERE type(r) <> 'PART_OF'
WITH b, depth, r, t
ORDER BY type(r), t.name
RETURN b.name AS body, b.kind AS kind, depth,
       collect(type(r) + ' ' + t.name) AS roles
ORDER BY depth, body;
