// title: Implied claims and why
// description: Relationships the paper implies rather than states, with the note that
//   explains the reading.
// expected: every relationship with certainty 'implied', e.g. Armenia ALLY_OF France.
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.certainty = 'implied'
RETURN r.id AS id, s.name AS source, type(r) AS relationship, t.name AS target,
       r.note AS note, r.evidence AS evidence
ORDER BY id;
