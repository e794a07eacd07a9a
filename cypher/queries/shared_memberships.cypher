// title: Organizations both sides belong to
// description: Organizations and bodies that both $a and $b (names, aliases or ids) are
//   members or partners of.
// :param a => 'Armenia'
// :param b => 'Azerbaijan'
// actors: a, b
// expected: Armenia and Azerbaijan: the CIS and the OSCE Minsk Group (members) and NATO
//   (partners).
MATCH (a:Actor)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR any(x IN a.aliases WHERE toLower(x) = toLower($a))
MATCH (b:Actor)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR any(x IN b.aliases WHERE toLower(x) = toLower($b))
MATCH (a)-[ra:MEMBER_OF|PARTNER_OF]->(o:Actor)<-[rb:MEMBER_OF|PARTNER_OF]-(b)
RETURN o.name AS organization, o.kind AS kind, type(ra) AS a_is, type(rb) AS b_is
ORDER BY organization;
