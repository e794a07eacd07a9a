// title: Who mediated, in what, and through which body
// description: Every MEDIATES relationship: the mediator, the conflict or process,
//   and the mediating bodies the mediator is a member, chair or co-chair of
//   (e.g. Russia through the OSCE Minsk Group). (A one-hop OPTIONAL MATCH with a
//   pattern predicate: FalkorDB 4.16 mis-evaluates multi-hop OPTIONAL MATCH patterns.)
// expected: 6 rows: Russia, the OSCE, the OSCE Minsk Group (Karabakh conflict), the UN
//   (First Karabakh War, until 1994), Western countries (resolution process, since 1992,
//   citing Volker 2005) and Russia again for the Second Karabakh War; Russia mediates
//   through the OSCE Minsk Group.
MATCH (m:Actor)-[r:MEDIATES]->(c:Actor)
OPTIONAL MATCH (m)-[:MEMBER_OF|CHAIRS|CO_CHAIRS]->(via:Actor)
WHERE (via)-[:MEDIATES]->(:Actor)
WITH m, r, c, collect(DISTINCT via.name) AS through
RETURN m.name AS mediator, m.kind AS kind, c.name AS mediates_in, through,
       r.start AS since, r.end AS until, r.certainty AS certainty, r.cites AS cites,
       r.evidence AS evidence
ORDER BY mediates_in, mediator;
