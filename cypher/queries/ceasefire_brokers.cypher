// title: Who brokered which ceasefire
// description: Agreements with a broker, their date, signatories and monitors.
// expected: Russia brokered both the May 1994 ceasefire (monitored by the OSCE) and the
//   ceasefire agreement of 10 November 2020.
MATCH (b:Actor)-[r:BROKERED]->(c:Actor:Agreement)
OPTIONAL MATCH (s:Actor)-[:SIGNED]->(c)
OPTIONAL MATCH (m:Actor)-[:MONITORS]->(c)
RETURN c.name AS agreement, b.name AS broker, r.start AS date,
       collect(DISTINCT s.name) AS signatories, collect(DISTINCT m.name) AS monitors,
       r.cites AS cites, r.note AS note
ORDER BY date;
