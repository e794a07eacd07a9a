// title: Chairs of the Minsk Conference in a given year
// description: Who chaired the OSCE Minsk Conference in $year, following the paper's
//   chronology (Italy 1992-1993; Sweden 1994; Russia and Finland 1995-1996; Russia,
//   the United States and France since 1997). A relationship with no end year is
//   ongoing.
// :param year => 1995
// expected: 1995: Finland and Russia (1992: Italy; 1994: Sweden; 2000: France, Russia,
//   United States).
MATCH (c:Actor)-[r:CHAIRS]->(:Actor {id: 'minsk-conference'})
WHERE coalesce(r.start_year, $year) <= $year AND coalesce(r.end_year, $year) >= $year
RETURN c.name AS chair, r.start AS since, r.end AS until, r.cites AS cites
ORDER BY chair;
