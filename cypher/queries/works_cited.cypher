// title: Works the paper cites for its claims
// description: The works the paper attributes statements to (the `cites` property),
//   with the number of claims resting on each and their entry in the sources
//   (`cites_ref` is the id of the Source node).
// expected: 13 cited works; OSCE n.d. (the Minsk Conference chronology) has the most
//   claims (7).
MATCH (:Actor)-[r]->(:Actor)
WHERE r.cites IS NOT NULL
WITH r.cites AS work, r.cites_ref AS ref, count(r) AS claims, collect(DISTINCT type(r)) AS types
OPTIONAL MATCH (s:Source)
WHERE s.id = ref
RETURN work, claims, types, s.citation AS citation
ORDER BY claims DESC, work;
