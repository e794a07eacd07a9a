// Build the Karabakh actor graph from data/*.csv with LOAD CSV (no Python needed).
// Generated from data/schema.yaml by
//   graph-loader dev cypher --write-load-csv
// do not edit by hand; tests check this file equals the generated text.
// Neo4j reads file:///x.csv from its import directory; docker-compose.yml
// mounts ./data there. Run cypher/schema.cypher first. The graph is the same
// as `graph-loader load` builds, except the (:Dataset) node has no content_hash.

// Sources
LOAD CSV WITH HEADERS FROM 'file:///sources.csv' AS row
MERGE (s:Source {id: row.id})
SET s = {id: row.id, citation: row.citation, kind: CASE WHEN row.kind = '' THEN null ELSE row.kind END, year: CASE WHEN row.year = '' THEN null ELSE row.year END, url: CASE WHEN row.url = '' THEN null ELSE row.url END, dataset: 'karabakh-actor-graph'};

// Actors :State: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'State'
MATCH (a:Actor {id: row.id}) WHERE NOT a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:State
REMOVE a:Organization:Body:Office:Person:Group:Conflict:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'State'
MERGE (a:Actor:State {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Organization: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Organization'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Organization OR a:State OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Organization
REMOVE a:State:Body:Office:Person:Group:Conflict:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Organization'
MERGE (a:Actor:Organization {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Body: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Body'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Body OR a:State OR a:Organization OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Body
REMOVE a:State:Organization:Office:Person:Group:Conflict:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Body'
MERGE (a:Actor:Body {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Office: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Office'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Office OR a:State OR a:Organization OR a:Body OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Office
REMOVE a:State:Organization:Body:Person:Group:Conflict:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Office'
MERGE (a:Actor:Office {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Person: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Person'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Person OR a:State OR a:Organization OR a:Body OR a:Office OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Person
REMOVE a:State:Organization:Body:Office:Group:Conflict:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Person'
MERGE (a:Actor:Person {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Group: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Group'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Group OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Group
REMOVE a:State:Organization:Body:Office:Person:Conflict:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Group'
MERGE (a:Actor:Group {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Conflict: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Conflict'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Conflict OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Process OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Conflict
REMOVE a:State:Organization:Body:Office:Person:Group:Process:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Conflict'
MERGE (a:Actor:Conflict {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Process: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Process'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Process OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Agreement OR a:Document OR a:Program OR a:Territory
SET a:Process
REMOVE a:State:Organization:Body:Office:Person:Group:Conflict:Agreement:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Process'
MERGE (a:Actor:Process {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Agreement: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Agreement'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Agreement OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Document OR a:Program OR a:Territory
SET a:Agreement
REMOVE a:State:Organization:Body:Office:Person:Group:Conflict:Process:Document:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Agreement'
MERGE (a:Actor:Agreement {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Document: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Document'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Document OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Program OR a:Territory
SET a:Document
REMOVE a:State:Organization:Body:Office:Person:Group:Conflict:Process:Agreement:Program:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Document'
MERGE (a:Actor:Document {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Program: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Program'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Program OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Territory
SET a:Program
REMOVE a:State:Organization:Body:Office:Person:Group:Conflict:Process:Agreement:Document:Territory;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Program'
MERGE (a:Actor:Program {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actors :Territory: first those whose kind changed, then the merge on both labels
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Territory'
MATCH (a:Actor {id: row.id}) WHERE NOT a:Territory OR a:State OR a:Organization OR a:Body OR a:Office OR a:Person OR a:Group OR a:Conflict OR a:Process OR a:Agreement OR a:Document OR a:Program
SET a:Territory
REMOVE a:State:Organization:Body:Office:Person:Group:Conflict:Process:Agreement:Document:Program;
LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row
WITH row WHERE row.kind = 'Territory'
MERGE (a:Actor:Territory {id: row.id})
SET a = {id: row.id, name: row.name, kind: row.kind, aliases: CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE [x IN split(row.aliases, ';') | trim(x)] END, iso3: CASE WHEN row.iso3 = '' THEN null ELSE row.iso3 END, description: CASE WHEN row.description = '' THEN null ELSE row.description END, short_name: CASE WHEN row.short_name = '' THEN null ELSE row.short_name END, start: null, end: null, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dataset: 'karabakh-actor-graph'};

// Actor lifespans (lifespans.csv: one row per dated start or end)
LOAD CSV WITH HEADERS FROM 'file:///lifespans.csv' AS row
WITH row WHERE row.bound = 'start'
MATCH (a:Actor {id: row.actor})
SET a.start = row.date, a.start_year = toInteger(left(row.date, 4));
LOAD CSV WITH HEADERS FROM 'file:///lifespans.csv' AS row
WITH row WHERE row.bound = 'end'
MATCH (a:Actor {id: row.actor})
SET a.end = row.date, a.end_year = toInteger(left(row.date, 4));

// Relationships :MEMBER_OF
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'MEMBER_OF'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:MEMBER_OF {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :ENVISIONED_MEMBER_OF
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ENVISIONED_MEMBER_OF'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ENVISIONED_MEMBER_OF {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :PARTNER_OF
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'PARTNER_OF'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:PARTNER_OF {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :APPLIED_FOR_STATUS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'APPLIED_FOR_STATUS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:APPLIED_FOR_STATUS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :GRANTED_STATUS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'GRANTED_STATUS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:GRANTED_STATUS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :LEFT
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'LEFT'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:LEFT {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :CHAIRS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CHAIRS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CHAIRS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :CO_CHAIRS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CO_CHAIRS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CO_CHAIRS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :LEADS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'LEADS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:LEADS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :HOLDS_OFFICE
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'HOLDS_OFFICE'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:HOLDS_OFFICE {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :APPOINTED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'APPOINTED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:APPOINTED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :MANDATES
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'MANDATES'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:MANDATES {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :ESTABLISHED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ESTABLISHED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ESTABLISHED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :CONVENED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CONVENED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CONVENED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :PART_OF
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'PART_OF'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:PART_OF {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :REPORTS_TO
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'REPORTS_TO'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:REPORTS_TO {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :OVERSEES
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'OVERSEES'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:OVERSEES {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :LOCATED_IN
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'LOCATED_IN'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:LOCATED_IN {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :RUNS_PROGRAM
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'RUNS_PROGRAM'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:RUNS_PROGRAM {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :PARTICIPATES_IN
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'PARTICIPATES_IN'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:PARTICIPATES_IN {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :REFUSED_TO_PARTICIPATE
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'REFUSED_TO_PARTICIPATE'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:REFUSED_TO_PARTICIPATE {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :MEDIATES
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'MEDIATES'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:MEDIATES {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :OFFERED_ASSISTANCE
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'OFFERED_ASSISTANCE'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:OFFERED_ASSISTANCE {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :MONITORS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'MONITORS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:MONITORS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :BROKERED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'BROKERED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:BROKERED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :SIGNED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'SIGNED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SIGNED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :DEPLOYS_PEACEKEEPERS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'DEPLOYS_PEACEKEEPERS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:DEPLOYS_PEACEKEEPERS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :ADOPTED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ADOPTED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ADOPTED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :ISSUED
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ISSUED'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ISSUED {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :ADDRESSES
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ADDRESSES'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ADDRESSES {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :CALLS_ON
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CALLS_ON'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CALLS_ON {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :SUPPORTS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'SUPPORTS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SUPPORTS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :ALIGNS_WITH
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ALIGNS_WITH'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ALIGNS_WITH {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :PROVIDES_AID
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'PROVIDES_AID'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:PROVIDES_AID {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :FAVOURS_FORUM
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'FAVOURS_FORUM'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:FAVOURS_FORUM {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :DEFERS_TO
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'DEFERS_TO'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:DEFERS_TO {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :ALLY_OF
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'ALLY_OF'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:ALLY_OF {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: true, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :COOPERATES_WITH
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'COOPERATES_WITH'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:COOPERATES_WITH {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: true, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :COMPETES_WITH
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'COMPETES_WITH'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:COMPETES_WITH {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: true, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :IN_CONFLICT_WITH
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'IN_CONFLICT_WITH'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:IN_CONFLICT_WITH {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: true, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :PARTY_TO
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'PARTY_TO'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:PARTY_TO {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :CONTROLS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CONTROLS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CONTROLS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :CLAIMS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CLAIMS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CLAIMS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :EXERTS_INFLUENCE_IN
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'EXERTS_INFLUENCE_IN'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:EXERTS_INFLUENCE_IN {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :PRESSURES
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'PRESSURES'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:PRESSURES {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :EXCLUDES
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'EXCLUDES'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:EXCLUDES {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :CONDEMNS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CONDEMNS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CONDEMNS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :CONDUCTED_WITHIN
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'CONDUCTED_WITHIN'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:CONDUCTED_WITHIN {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :HAS_RELATIONS_WITH
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'HAS_RELATIONS_WITH'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:HAS_RELATIONS_WITH {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: true, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :DECLINES_MEMBERSHIP
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'DECLINES_MEMBERSHIP'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:DECLINES_MEMBERSHIP {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :SOUGHT_TO_LEAVE_SPHERE_OF
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'SOUGHT_TO_LEAVE_SPHERE_OF'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SOUGHT_TO_LEAVE_SPHERE_OF {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :BALANCES_BETWEEN
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'BALANCES_BETWEEN'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:BALANCES_BETWEEN {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :AVOIDS_PROVOKING
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'AVOIDS_PROVOKING'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:AVOIDS_PROVOKING {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :SEEKS_TO_EXCLUDE
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'SEEKS_TO_EXCLUDE'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:SEEKS_TO_EXCLUDE {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: -1, dataset: 'karabakh-actor-graph'};

// Relationships :GAVE_NO_SUPPORT
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'GAVE_NO_SUPPORT'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:GAVE_NO_SUPPORT {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// Relationships :AIMS_TO_AID
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'AIMS_TO_AID'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:AIMS_TO_AID {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 1, dataset: 'karabakh-actor-graph'};

// Relationships :AIMS_TO_DEPLOY_PEACEKEEPERS
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.type = 'AIMS_TO_DEPLOY_PEACEKEEPERS'
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (s)-[r:AIMS_TO_DEPLOY_PEACEKEEPERS {id: row.id}]->(t)
SET r = {id: row.id, start: CASE WHEN row.start = '' THEN null ELSE row.start END, end: CASE WHEN row.end = '' THEN null ELSE row.end END, start_year: CASE WHEN coalesce(row.start, '') = '' THEN null ELSE toInteger(left(row.start, 4)) END, end_year: CASE WHEN coalesce(row.end, '') = '' THEN null ELSE toInteger(left(row.end, 4)) END, dated: coalesce(row.start, '') <> '' OR coalesce(row.end, '') <> '', evidence: row.evidence, section: row.section, source_ref: row.source_ref, cites: CASE WHEN row.cites = '' THEN null ELSE row.cites END, cites_ref: CASE WHEN coalesce(row.cites, '') = '' THEN null ELSE toLower(replace(trim(replace(replace(row.cites, '.', ' '), ',', ' ')), ' ', '-')) END, certainty: row.certainty, note: CASE WHEN row.note = '' THEN null ELSE row.note END, date_basis: CASE WHEN row.date_basis = '' THEN null ELSE row.date_basis END, contradicts: CASE WHEN coalesce(row.contradicts, '') = '' THEN [] ELSE [x IN split(row.contradicts, ';') | trim(x)] END, symmetric: false, polarity: 0, dataset: 'karabakh-actor-graph'};

// The (:Dataset) node
MATCH (a:Actor) WHERE a.dataset = 'karabakh-actor-graph'
WITH count(a) AS n_actors
OPTIONAL MATCH ()-[r]->() WHERE r.dataset = 'karabakh-actor-graph'
WITH n_actors, count(r) AS n_relationships
OPTIONAL MATCH (s:Source) WHERE s.dataset = 'karabakh-actor-graph'
WITH n_actors, n_relationships, count(s) AS n_sources
MERGE (d:Dataset {id: 'karabakh-actor-graph'})
SET d = {id: 'karabakh-actor-graph', loaded_at: toString(datetime()), version: 'load_csv.cypher', n_actors: n_actors, n_relationships: n_relationships, n_sources: n_sources};
