// title: Works the paper cites for its claims
// description: The works the paper attributes statements to (the `cites` property),
//   with the number of claims resting on each and their full entry in the sources.
// expected: 13 cited works; OSCE n.d. (the Minsk Conference chronology) has the most
//   claims (7).
MATCH (:Actor)-[r]->(:Actor)
WHERE r.cites IS NOT NULL
WITH r.cites AS work, count(r) AS claims, collect(DISTINCT type(r)) AS types
OPTIONAL MATCH (s:Source)
WHERE s.id = toLower(replace(trim(replace(work, '.', ' ')), ' ', '-'))
RETURN work, claims, types, s.citation AS citation
ORDER BY claims DESC, work;
