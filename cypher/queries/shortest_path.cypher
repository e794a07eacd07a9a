// title: One shortest path between two actors (Neo4j)
// description: Neo4j's shortestPath between $a and $b (names, aliases or ids), in any
//   direction, up to 6 relationships. paths_between gives all shortest paths on both engines.
// requires: neo4j (FalkorDB has no undirected shortestPath, and allows it only in WITH/RETURN)
// :param a => 'Turkey'
// :param b => 'Armenia'
// actors: a, b
// expected: Turkey-Armenia: a path of 2 relationships.
MATCH (a:Actor)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR any(x IN a.aliases WHERE toLower(x) = toLower($a))
MATCH (b:Actor)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR any(x IN b.aliases WHERE toLower(x) = toLower($b))
MATCH p = shortestPath((a)-[*..6]-(b))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | type(r)] AS types;
