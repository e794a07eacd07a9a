// title: Documents and the bodies that adopted or issued them
// description: Every document (resolution, recommendation, strategy, statement...) with
//   the body that adopted or issued it and when.
// expected: the UN Security Council adopted Resolutions 822, 853, 874 and 884 (1993);
//   PACE adopted Recommendation 1247 (1994); the European Council the European
//   Security Strategy (2003); the OIC its resolutions; the Minsk Group issued the
//   co-chairs' joint statement (2020) and the European Commission the Country Strategy
//   Papers 2002-2006 (9 rows).
MATCH (b:Actor)-[r:ADOPTED|ISSUED]->(d:Actor:Document)
RETURN d.name AS document, type(r) AS how, b.name AS body, r.start AS date,
       r.cites AS cites
ORDER BY document, how, body;
