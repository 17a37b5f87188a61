package dev.neurolake.neo4j.embedded;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Neo4j Community running inside this JVM, reachable only over Bolt on a loopback port.
 *
 * <p>Nothing but this class touches Neo4j's own (GPL-3.0) API: callers get a Bolt URI and
 * credentials and talk to it with the Apache-2.0 Java driver, exactly as they talk to a remote
 * Neo4j server, so both paths run the same code.
 *
 * <p>Authentication is on, with a new random password at every start unless the settings name
 * one: any local process can reach a loopback port, and without a password it would bypass
 * NeuroLake's permissions.
 */
public final class EmbeddedNeo4j
        implements AutoCloseable
{
    /** The one user NeuroLake logs in as. */
    public static final String USERNAME = "neo4j";

    private static final String LOOPBACK = "127.0.0.1";

    private final EmbeddedNeo4jSettings settings;
    private final URI boltUri;
    private final String password;
    // Replaced when the database is bulk-imported: clients keep the same URI and password.
    private volatile DatabaseManagementService service;

    private EmbeddedNeo4j(EmbeddedNeo4jSettings settings, DatabaseManagementService service, URI boltUri, String password)
    {
        this.settings = settings;
        this.service = service;
        this.boltUri = boltUri;
        this.password = password;
    }

    /** Starts Neo4j and waits until Bolt accepts connections; takes several seconds. */
    public static EmbeddedNeo4j start(EmbeddedNeo4jSettings settings)
    {
        requireNonNull(settings, "settings is null");
        String password = settings.password().orElseGet(EmbeddedNeo4j::newPassword);
        DatabaseManagementService service = startService(settings, password);
        try {
            return new EmbeddedNeo4j(settings, service, boltUri(service), password);
        }
        catch (RuntimeException e) {
            service.shutdown();
            throw e;
        }
    }

    /**
     * Replaces the whole graph with one bulk-imported from CSV files by Neo4j's offline importer
     * ({@code neo4j-admin database import full}), an order of magnitude faster than transactions:
     * stops Neo4j, imports, and starts it again on the same port with the same password. What
     * the database held before is gone, so callers use it only on a graph they know is empty
     * and that nobody else writes to. When the import fails, Neo4j starts again with an empty
     * database and the failure is thrown.
     *
     * @return the importer's summary: its stages' durations and what it imported
     */
    public String replaceGraph(BulkImport bulkImport)
    {
        requireNonNull(bulkImport, "bulkImport is null");
        Path home = settings.homeDirectory().toAbsolutePath();
        service.shutdown();
        RuntimeException failure = null;
        String summary = "";
        try {
            summary = bulkImport.run(home);
        }
        catch (RuntimeException e) {
            failure = e;
            BulkImport.deleteDatabase(home);
        }
        // The same port: the URI handed out stays valid.
        service = startService(settings.withBoltPort(boltPort()), password);
        if (failure != null) {
            throw failure;
        }
        return summary;
    }

    private static DatabaseManagementService startService(EmbeddedNeo4jSettings settings, String password)
    {
        Path home = settings.homeDirectory().toAbsolutePath();
        try {
            Files.createDirectories(home);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create Neo4j directory " + home, e);
        }
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(LOOPBACK, settings.boltPort()))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, settings.boltPort()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // LOAD CSV must never read the server's files; NeuroLake also refuses LOAD CSV outright.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Without these, stopping waits ~10 s for idle Bolt connections and Netty's quiet period.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO);
        settings.pageCacheBytes().ifPresent(bytes -> builder.setConfig(GraphDatabaseSettings.pagecache_memory, bytes));
        DatabaseManagementService service = builder.build();
        try {
            // Neo4j refuses to set the password it already has: pass through a random one.
            setPassword(service, newPassword());
            setPassword(service, password);
            return service;
        }
        catch (RuntimeException e) {
            service.shutdown();
            throw e;
        }
    }

    /** Where Bolt listens, e.g. {@code bolt://127.0.0.1:41234}. */
    public URI boltUri()
    {
        return boltUri;
    }

    /** The Bolt port: start a new instance on the same home directory and port to restart this one. */
    public int boltPort()
    {
        return boltUri.getPort();
    }

    public String username()
    {
        return USERNAME;
    }

    /** This start's password (a random one is valid until the next start). */
    public String password()
    {
        return password;
    }

    private static void setPassword(DatabaseManagementService service, String password)
    {
        // Embedded transactions bypass authentication, so the password can be set from inside.
        service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER " + USERNAME + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    }

    private static URI boltUri(DatabaseManagementService service)
    {
        GraphDatabaseAPI system = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        HostnamePort address = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class).getLocalAddress(ConnectorType.BOLT);
        if (address == null) {
            throw new IllegalStateException("Neo4j started without a Bolt connector");
        }
        return URI.create("bolt://" + LOOPBACK + ":" + address.getPort());
    }

    private static String newPassword()
    {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stops Neo4j; its non-daemon Bolt threads would otherwise keep the JVM alive. */
    @Override
    public void close()
    {
        service.shutdown();
    }
}
