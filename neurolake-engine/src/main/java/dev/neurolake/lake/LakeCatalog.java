package dev.neurolake.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.MetadataConnection;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * NeuroLake's tables: Apache Iceberg tables whose metadata pointers live in an Iceberg JDBC
 * catalog inside the metadata database, and whose files live under the data directory.
 */
public final class LakeCatalog
        implements AutoCloseable
{
    private static final String CATALOG_NAME = "neurolake";

    private final JdbcCatalog catalog;
    private final Path warehouse;

    public LakeCatalog(Path dataDirectory, MetadataConnection metadata)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(metadata, "metadata is null");
        this.warehouse = dataDirectory.toAbsolutePath().resolve("warehouse");
        try {
            Files.createDirectories(warehouse);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create warehouse directory " + warehouse, e);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, metadata.url());
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString());
        properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        metadata.username().ifPresent(user -> properties.put("jdbc.user", user));
        metadata.password().ifPresent(password -> properties.put("jdbc.password", password));
        // V1 of Iceberg's JDBC schema also records views; it is what new catalogs get.
        properties.put("jdbc.schema-version", "V1");
        this.catalog = new JdbcCatalog();
        catalog.initialize(CATALOG_NAME, properties);
    }

    /** The directory under which table locations are created. */
    public Path warehouse()
    {
        return warehouse;
    }

    public List<String> listNamespaces()
    {
        return catalog.listNamespaces().stream()
                .map(namespace -> namespace.level(0))
                .sorted()
                .toList();
    }

    public List<TableName> listTables(String namespace)
    {
        Namespace icebergNamespace = Namespace.of(TableName.identifier(namespace, "namespace"));
        if (!catalog.namespaceExists(icebergNamespace)) {
            throw new NeuroLakeException(ErrorCode.NAMESPACE_NOT_FOUND, "Namespace '" + namespace + "' does not exist", Map.of("namespace", namespace));
        }
        return catalog.listTables(icebergNamespace).stream()
                .map(identifier -> new TableName(identifier.namespace().level(0), identifier.name()))
                .sorted((left, right) -> left.toString().compareTo(right.toString()))
                .toList();
    }

    public boolean exists(TableName name)
    {
        return catalog.tableExists(identifier(name));
    }

    /** Loads a table's current metadata; fails with {@link ErrorCode#TABLE_NOT_FOUND}. */
    public Table load(TableName name)
    {
        return find(name).orElseThrow(() -> tableNotFound(name));
    }

    public Optional<Table> find(TableName name)
    {
        try {
            return Optional.of(catalog.loadTable(identifier(name)));
        }
        catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    /** Drops a table and deletes its files. */
    public void drop(TableName name)
    {
        if (!catalog.dropTable(identifier(name), true)) {
            throw tableNotFound(name);
        }
    }

    public TableInfo describe(TableName name)
    {
        return describe(name, load(name));
    }

    public static TableInfo describe(TableName name, Table table)
    {
        Snapshot snapshot = table.currentSnapshot();
        Map<String, String> summary = snapshot == null ? Map.of() : snapshot.summary();
        return new TableInfo(
                name,
                table.location(),
                columns(table.schema()),
                Optional.ofNullable(snapshot).map(Snapshot::snapshotId),
                parseLong(summary.get("total-records")),
                parseLong(summary.get("total-data-files")),
                parseLong(summary.get("total-files-size")),
                Optional.ofNullable(snapshot).map(current -> Instant.ofEpochMilli(current.timestampMillis())));
    }

    /** Makes an earlier snapshot of the table current again (a new metadata version; history is kept). */
    public SnapshotInfo rollback(TableName name, long snapshotId)
    {
        Table table = load(name);
        if (table.snapshot(snapshotId) == null) {
            throw new NeuroLakeException(ErrorCode.SNAPSHOT_NOT_FOUND, "Table '" + name + "' has no snapshot " + snapshotId, Map.of("table", name.toString(), "snapshotId", snapshotId));
        }
        table.manageSnapshots().setCurrentSnapshot(snapshotId).commit();
        return snapshots(name).stream().filter(snapshot -> snapshot.snapshotId() == snapshotId).findFirst().orElseThrow();
    }

    public List<SnapshotInfo> snapshots(TableName name)
    {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (Snapshot snapshot : load(name).snapshots()) {
            snapshots.add(new SnapshotInfo(
                    snapshot.snapshotId(),
                    Optional.ofNullable(snapshot.parentId()),
                    Instant.ofEpochMilli(snapshot.timestampMillis()),
                    Optional.ofNullable(snapshot.operation()).orElse("unknown"),
                    snapshot.summary()));
        }
        return snapshots;
    }

    /** The columns of an Iceberg schema as NeuroLake presents them. */
    public static List<ColumnInfo> columns(Schema schema)
    {
        return schema.columns().stream()
                .map(field -> new ColumnInfo(field.fieldId(), field.name(), LakeTypes.duckDbType(field.type()), field.isOptional()))
                .toList();
    }

    JdbcCatalog iceberg()
    {
        return catalog;
    }

    void ensureNamespace(String namespace)
    {
        Namespace icebergNamespace = Namespace.of(namespace);
        if (!catalog.namespaceExists(icebergNamespace)) {
            try {
                catalog.createNamespace(icebergNamespace, Map.of());
            }
            catch (AlreadyExistsException e) {
                // Another writer created it first: that is what we wanted.
            }
        }
    }

    static TableIdentifier identifier(TableName name)
    {
        return TableIdentifier.of(name.namespace(), name.name());
    }

    static NeuroLakeException tableNotFound(TableName name)
    {
        return new NeuroLakeException(ErrorCode.TABLE_NOT_FOUND, "Table '" + name + "' does not exist", Map.of("table", name.toString()));
    }

    static Schema schemaOf(List<Types.NestedField> fields)
    {
        return new Schema(fields);
    }

    private static long parseLong(String value)
    {
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public void close()
            throws IOException
    {
        catalog.close();
    }
}
