// title: What changed between two years
// description: Relationships active in $year1 but not in $year2 ("ended") or the
//   reverse ("began"). Undated ends count as open: no start year means "already
//   before", no end year means "still".
// :param year1 => 1994
// :param year2 => 2020
// expected: 1994 vs 2020: the First Karabakh War relationships and the Minsk Conference
//   chairs of the 1990s ended; the 2020 war, the November 2020 ceasefire and the
//   post-war support began.
MATCH (s:Actor)-[r]->(t:Actor)
WITH s, r, t,
     coalesce(r.start_year, $year1) <= $year1 AND coalesce(r.end_year, $year1) >= $year1 AS in1,
     coalesce(r.start_year, $year2) <= $year2 AND coalesce(r.end_year, $year2) >= $year2 AS in2
WHERE in1 <> in2
RETURN CASE WHEN in1 THEN 'ended' ELSE 'began' END AS change, s.name AS source,
       type(r) AS relationship, t.name AS target, r.start AS since, r.end AS until, r.id AS id
ORDER BY change DESC, id;
