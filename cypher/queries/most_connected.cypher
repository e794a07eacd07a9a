// title: Most connected actors
// description: Actors ranked by the number of relationships they take part in (degree,
//   both directions), with how many distinct relationship types; the top $limit.
// :param limit => 10
// expected: Azerbaijan first (37 relationships), then the OSCE Minsk Group (29) and
//   Armenia (28); the top 10 also holds the EU, Russia, the UN, the OSCE and NATO.
MATCH (a:Actor)-[r]-(:Actor)
WITH a, count(r) AS degree, count(DISTINCT type(r)) AS types
RETURN a.name AS actor, a.kind AS kind, degree, types
ORDER BY degree DESC, actor
LIMIT $limit;
