// title: What each international organization does
// description: For each organization (UN, OSCE, EU, Council of Europe, CIS, NAM, OIC,
//   NATO), its outgoing relationships grouped by type, with the targets.
// expected: one row per organization and relationship type; e.g. the OSCE LEADS the
//   conflict resolution process, MEDIATES the Karabakh conflict and MONITORS the 1994
//   ceasefire.
MATCH (o:Actor:Organization)-[r]->(t:Actor)
WITH o, type(r) AS relationship, t
ORDER BY t.name
WITH o, relationship, collect(t.name) AS targets
RETURN o.name AS organization, relationship, size(targets) AS n, targets
ORDER BY organization, relationship;
