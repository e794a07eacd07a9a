// title: Allies and supporters of each side
// description: For Armenia and Azerbaijan, their allies (ALLY_OF, symmetric, read both
//   ways) and the actors that support them (SUPPORTS towards the side).
// expected: Armenia: allies Russia and France (France implied), supported by TACIS;
//   Azerbaijan: ally Turkey, supported by Turkey, the NAM, the OIC and TACIS.
MATCH (side:Actor)-[r:ALLY_OF|SUPPORTS]-(other:Actor)
WHERE side.id IN ['armenia', 'azerbaijan']
  AND (type(r) = 'ALLY_OF' OR endNode(r) = side)
RETURN side.name AS side, other.name AS ally_or_supporter, other.kind AS kind,
       type(r) AS relationship, r.certainty AS certainty, r.start AS since, r.note AS note
ORDER BY side, relationship, ally_or_supporter, since;
