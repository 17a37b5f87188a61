package dev.neurolake.governance;

import com.zaxxer.hikari.HikariDataSource;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;
import dev.neurolake.metadata.Jdbc;
import dev.neurolake.metadata.MetadataBackend;
import dev.neurolake.metadata.MetadataDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users, groups, grants, API keys and the audit chain, on both metadata databases. */
class GovernanceStoresTest
{
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void usersLockAfterRepeatedFailures(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(directory); HikariDataSource dataSource = migrated(database)) {
            UserStore users = new UserStore(new Jdbc(dataSource));
            users.create("ann", "{noop}secret", Set.of(Role.ANALYST, Role.VIEWER));

            for (int attempt = 0; attempt < 4; attempt++) {
                assertThat(users.recordFailedLogin("ann", 5, Duration.ofMinutes(15)).lockedAt(Instant.now())).isFalse();
            }
            assertThat(users.recordFailedLogin("ann", 5, Duration.ofMinutes(15)).lockedAt(Instant.now())).isTrue();
            users.setPassword("ann", "{noop}other");
            assertThat(users.require("ann").lockedAt(Instant.now())).isFalse();
            assertThat(users.require("ann").roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.VIEWER);
            assertThat(users.require("ann").restricted()).isTrue();
            assertThatThrownBy(() -> users.create("ann", "x", Set.of(Role.VIEWER)))
                    .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.CONFLICT));
        }
    }

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void grantsThroughUsersAndGroupsLimitRestrictedAccess(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(directory); HikariDataSource dataSource = migrated(database)) {
            Jdbc jdbc = new Jdbc(dataSource);
            new UserStore(jdbc).create("bob", "{noop}x", Set.of(Role.ANALYST));
            GroupStore groups = new GroupStore(jdbc);
            groups.create("finance");
            groups.addMember("finance", "bob");
            GrantStore grants = new GrantStore(jdbc);
            grants.grant(Grant.GranteeType.USER, "bob", "demo", Optional.of("orders"), Privilege.READ, "admin");
            Grant namespaceWrite = grants.grant(Grant.GranteeType.GROUP, "finance", "ledger", Optional.empty(), Privilege.WRITE, "admin");

            TableAccess access = TableAccess.restrictedTo(grants.grantsFor("bob", groups.groupsOf("bob")));

            assertThat(access.canRead(TableName.parse("demo.orders"))).isTrue();
            assertThat(access.canRead(TableName.parse("demo.customer"))).isFalse();
            assertThat(access.canWrite(TableName.parse("demo.orders"))).isFalse();
            assertThat(access.canRead(TableName.parse("ledger.entries"))).isTrue();
            assertThat(access.canWrite(TableName.parse("ledger.entries"))).isTrue();
            assertThat(TableAccess.UNRESTRICTED.canWrite(TableName.parse("demo.customer"))).isTrue();

            grants.revoke(namespaceWrite.id());
            assertThat(TableAccess.restrictedTo(grants.grantsFor("bob", groups.groupsOf("bob"))).canRead(TableName.parse("ledger.entries"))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void apiKeysAreStoredHashedAndStopWorkingWhenRevokedOrExpired(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(directory); HikariDataSource dataSource = migrated(database)) {
            Jdbc jdbc = new Jdbc(dataSource);
            new UserStore(jdbc).create("cy", "{noop}x", Set.of(Role.ENGINEER));
            ApiKeyStore keys = new ApiKeyStore(jdbc);
            ApiKey.Created created = keys.create("cy", "ci", Set.of("DATA_READ"), Optional.empty());
            ApiKey.Created expired = keys.create("cy", "old", Set.of(), Optional.of(Instant.now().minusSeconds(1)));

            assertThat(created.secret()).startsWith("nlk_");
            assertThat(jdbc.query("SELECT key_hash FROM api_keys", row -> row.getString(1))).doesNotContain(created.secret());
            assertThat(keys.authenticate(created.secret())).get().satisfies(key -> {
                assertThat(key.username()).isEqualTo("cy");
                assertThat(key.scopes()).containsExactly("DATA_READ");
            });
            assertThat(keys.require(created.key().id()).lastUsedAt()).isPresent();
            assertThat(keys.authenticate(expired.secret())).isEmpty();
            assertThat(keys.authenticate("nlk_wrong")).isEmpty();

            keys.revoke(created.key().id());
            assertThat(keys.authenticate(created.secret())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void auditChainDetectsAnEditedRow(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(directory); HikariDataSource dataSource = migrated(database)) {
            Jdbc jdbc = new Jdbc(dataSource);
            AuditLog audit = new AuditLog(jdbc);
            for (int index = 1; index <= 5; index++) {
                audit.append("ann", "QUERY", "demo.orders", "SUCCEEDED", Map.of("rows", index));
            }
            assertThat(audit.verify().intact()).isTrue();
            assertThat(audit.verify().rowsChecked()).isEqualTo(5);
            assertThat(audit.page(Optional.of("ann"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(4L), 2))
                    .extracting(AuditEvent::sequence).containsExactly(3L, 2L);

            jdbc.update("UPDATE audit_log SET details = ? WHERE seq = 3", "{\"rows\":300}");

            AuditLog.Verification verification = audit.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBrokenSequence()).contains(3L);
            assertThat(verification.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("changed"));
        }
    }

    private static HikariDataSource migrated(MetadataBackend.Provisioned database)
    {
        HikariDataSource dataSource = MetadataDatabase.open(database.connection());
        MetadataDatabase.migrate(dataSource);
        return dataSource;
    }
}
