// title: Shortest connections between two actors
// description: All shortest paths (up to 3 relationships, any direction) between $a
//   and $b (names, aliases or ids), with the relationship types along each path.
// :param a => 'Turkey'
// :param b => 'Armenia'
// actors: a, b
// expected: Turkey-Armenia: 2 hops, through Azerbaijan (ALLY_OF or SUPPORTS, then
//   IN_CONFLICT_WITH) and through the OSCE Minsk Group (both members).
MATCH (a:Actor)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR any(x IN a.aliases WHERE toLower(x) = toLower($a))
MATCH (b:Actor)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR any(x IN b.aliases WHERE toLower(x) = toLower($b))
MATCH p = (a)-[*1..3]-(b)
WITH a, b, min(length(p)) AS hops
MATCH p = (a)-[*1..3]-(b)
WHERE length(p) = hops
RETURN hops,
       reduce(s = '', n IN nodes(p) | s + CASE WHEN s = '' THEN '' ELSE ' - ' END + n.name) AS path,
       [r IN relationships(p) | type(r)] AS types
ORDER BY path;
