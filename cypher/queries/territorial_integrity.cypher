// title: Who supports Azerbaijan's territorial integrity
// description: Actors that support or align with Azerbaijan where the evidence or note
//   speaks of its territory (territorial integrity or claims), and whether each is an
//   international organization.
// expected: the Non-Aligned Movement (twice: territorial claims; territorial integrity
//   after the 2020 war) and the Organization of Islamic Cooperation (supports; aligns
//   with), both organizations.
MATCH (s:Actor)-[r:SUPPORTS|ALIGNS_WITH]->(:Actor {id: 'azerbaijan'})
WHERE toLower(r.evidence + ' ' + coalesce(r.note, '')) CONTAINS 'territorial'
RETURN s.name AS supporter, s.kind AS kind, s:Organization AS organization,
       type(r) AS relationship, r.start AS since, r.cites AS cites, r.evidence AS evidence
ORDER BY supporter, relationship, since;
