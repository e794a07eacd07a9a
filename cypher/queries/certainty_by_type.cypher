// title: Stated and implied claims per relationship type
// description: For each relationship type, how many claims the paper states outright
//   and how many are implied (an interpretation recorded with a note).
// expected: one row per relationship type in use (47); most claims are stated.
MATCH (:Actor)-[r]->(:Actor)
WITH type(r) AS relationship, collect(r.certainty) AS certainties
RETURN relationship,
       size([c IN certainties WHERE c = 'stated']) AS stated,
       size([c IN certainties WHERE c = 'implied']) AS implied,
       size(certainties) AS total
ORDER BY implied DESC, relationship;
