package dev.neurolake.neo4j.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test, because each Neo4j start takes seconds: start, refuse strangers, keep data across a
 * restart on the same port. Restarting with the same fixed password is covered by the graph
 * module's outage test.
 */
class EmbeddedNeo4jTest
{
    private static final Config QUIET = Config.builder().withLogging(Logging.none()).build();

    @TempDir
    Path home;

    @Test
    void servesBoltOnLoopbackWithPasswordAndKeepsDataAcrossRestartOnTheSamePort()
    {
        int port;
        String firstPassword;
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jSettings.defaults(home))) {
            assertThat(neo4j.boltUri().toString()).startsWith("bolt://127.0.0.1:");
            assertThat(neo4j.password()).hasSizeGreaterThanOrEqualTo(32);
            port = neo4j.boltPort();
            firstPassword = neo4j.password();
            try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(neo4j.username(), neo4j.password()), QUIET);
                    Session session = driver.session()) {
                session.run("CREATE (:Kept {name: $name})", Map.of("name", "first start")).consume();
            }
            try (Driver stranger = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(), QUIET)) {
                assertThatThrownBy(stranger::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }
        }

        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jSettings.defaults(home).withBoltPort(port).withPassword("restart-password"))) {
            assertThat(neo4j.boltPort()).isEqualTo(port);
            assertThat(neo4j.password()).isEqualTo("restart-password").isNotEqualTo(firstPassword);
            try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic(neo4j.username(), "restart-password"), QUIET);
                    Session session = driver.session()) {
                assertThat(session.run("MATCH (n:Kept) RETURN n.name AS name").single().get("name").asString()).isEqualTo("first start");
            }
        }
    }
}
