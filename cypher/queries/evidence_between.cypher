// title: Evidence for relationships between two actors
// description: Every relationship between $a and $b (names, aliases or ids), in either
//   direction, with its verbatim evidence, section, certainty and cited work.
// :param a => 'Turkey'
// :param b => 'Azerbaijan'
// actors: a, b
// expected: Turkey-Azerbaijan: 2 relationships, Azerbaijan ALLY_OF Turkey and Turkey
//   SUPPORTS Azerbaijan (2020, military and diplomatic backing).
MATCH (a:Actor)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR any(x IN a.aliases WHERE toLower(x) = toLower($a))
MATCH (b:Actor)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR any(x IN b.aliases WHERE toLower(x) = toLower($b))
MATCH (a)-[r]-(b)
RETURN DISTINCT r.id AS id, startNode(r).name AS source, type(r) AS relationship,
       endNode(r).name AS target, r.start AS since, r.end AS until,
       r.certainty AS certainty, r.section AS section, r.cites AS cites,
       r.evidence AS evidence, r.note AS note
ORDER BY id;
