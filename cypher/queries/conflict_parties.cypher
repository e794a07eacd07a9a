// title: Parties to each conflict
// description: Conflicts and processes with the actors party to them and the years.
// expected: the First Karabakh War (Armenia, Azerbaijan 1988-1994; Armenian forces),
//   the April 2016 clashes, the Karabakh conflict, the Second Karabakh War (2020) and the
//   crisis in South Ossetia and Abkhazia (Georgia).
MATCH (p:Actor)-[r:PARTY_TO]->(c:Actor)
RETURN c.name AS conflict, c.kind AS kind, p.name AS party, r.start AS since,
       r.end AS until
ORDER BY conflict, party;
