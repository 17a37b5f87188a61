// A few films in the style of Neo4j's movies example graph: one CREATE statement whose
// variables (TheMatrix, Keanu, ...) span many lines, as in the original script.
CREATE (TheMatrix:Movie {title:'The Matrix', released:1999, tagline:'Welcome to the Real World'})
CREATE (TheMatrixReloaded:Movie {title:'The Matrix Reloaded', released:2003, tagline:'Free your mind'})
CREATE (Keanu:Person {name:'Keanu Reeves', born:1964})
CREATE (Carrie:Person {name:'Carrie-Anne Moss', born:1967})
CREATE (Laurence:Person {name:'Laurence Fishburne', born:1961})
CREATE (Hugo:Person {name:'Hugo Weaving', born:1960})
CREATE (Lilly:Person {name:'Lilly Wachowski', born:1967})
CREATE (Lana:Person {name:'Lana Wachowski', born:1965})
CREATE (Joel:Person {name:'Joel Silver', born:1952})
CREATE
  (Keanu)-[:ACTED_IN {roles:['Neo']}]->(TheMatrix),
  (Carrie)-[:ACTED_IN {roles:['Trinity']}]->(TheMatrix),
  (Laurence)-[:ACTED_IN {roles:['Morpheus']}]->(TheMatrix),
  (Hugo)-[:ACTED_IN {roles:['Agent Smith']}]->(TheMatrix),
  (Lilly)-[:DIRECTED]->(TheMatrix),
  (Lana)-[:DIRECTED]->(TheMatrix),
  (Joel)-[:PRODUCED]->(TheMatrix),
  (Keanu)-[:ACTED_IN {roles:['Neo']}]->(TheMatrixReloaded),
  (Carrie)-[:ACTED_IN {roles:['Trinity']}]->(TheMatrixReloaded),
  (Laurence)-[:ACTED_IN {roles:['Morpheus']}]->(TheMatrixReloaded),
  (Hugo)-[:ACTED_IN {roles:['Agent Smith']}]->(TheMatrixReloaded),
  (Lilly)-[:DIRECTED]->(TheMatrixReloaded),
  (Lana)-[:DIRECTED]->(TheMatrixReloaded),
  (Joel)-[:PRODUCED]->(TheMatrixReloaded);

/* Statements after the first one run in later transactions; a constraint runs alone. */
CREATE CONSTRAINT movie_title IF NOT EXISTS FOR (m:Movie) REQUIRE m.title IS UNIQUE;
MERGE (m:Movie {title: 'The Matrix Revolutions'}) SET m.released = 2003, m.tagline = 'Everything that has a beginning has an end; and this one too';
MATCH (keanu:Person {name: 'Keanu Reeves'}), (m:Movie {title: 'The Matrix Revolutions'}) MERGE (keanu)-[:ACTED_IN {roles: ['Neo']}]->(m);
