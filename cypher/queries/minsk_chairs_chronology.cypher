// title: Chronology of the Minsk Conference chairs
// description: All chairs of the Minsk Conference in time order, one row per period.
// expected: 4 periods: 1992-1993 Italy; 1994 Sweden; 1995-1996 Finland, Russia;
//   1997 onwards France, Russia, United States.
MATCH (c:Actor)-[r:CHAIRS]->(:Actor {id: 'minsk-conference'})
WITH r.start AS since, r.end AS until, c.name AS chair
ORDER BY chair
WITH since, until, collect(chair) AS chairs
RETURN since, until, chairs
ORDER BY since;
