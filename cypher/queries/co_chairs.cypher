// title: Co-chairs
// description: Every CO_CHAIRS relationship: who co-chairs which group, and since when.
// expected: France, Russia and the United States co-chair the OSCE Minsk Group since 1997.
MATCH (c:Actor)-[r:CO_CHAIRS]->(g:Actor)
RETURN g.name AS group, c.name AS co_chair, r.start AS since, r.end AS until,
       r.evidence AS evidence
ORDER BY group, co_chair;
