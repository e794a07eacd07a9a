// title: Members of the OSCE Minsk Group
// description: The states recorded as members of the Minsk Group, with the year they
//   joined and whether they co-chair it.
// expected: 11 states (the paper's list of eleven: Armenia, Azerbaijan, Belarus, France,
//   Germany, Hungary, Italy, Russia, Sweden, Turkey, United States), all since 1992;
//   France, Russia and the United States are the co-chairs.
MATCH (g:Actor {id: 'minsk-group'})
MATCH (m:Actor)-[r:MEMBER_OF]->(g)
OPTIONAL MATCH (m)-[c:CO_CHAIRS]->(g)
RETURN m.name AS member, m.kind AS kind, r.start AS since, c IS NOT NULL AS co_chair
ORDER BY member;
