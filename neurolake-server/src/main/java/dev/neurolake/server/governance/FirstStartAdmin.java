package dev.neurolake.server.governance;

import dev.neurolake.governance.Governance;
import dev.neurolake.governance.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the {@code admin} user when there are no users: its password comes from
 * {@code NEUROLAKE_ADMIN_PASSWORD} or the file named by {@code NEUROLAKE_ADMIN_PASSWORD_FILE},
 * else a random one is printed to the log once. The {@code production} profile refuses to start
 * without a real password and with any other default or missing secret.
 */
@Component
public class FirstStartAdmin
{
    private static final Logger LOG = LoggerFactory.getLogger(FirstStartAdmin.class);
    private static final Set<String> WEAK = Set.of("admin", "password", "changeme", "neurolake", "secret", "123456", "letmein");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public FirstStartAdmin(Governance governance, PasswordEncoder passwordEncoder, Environment environment, AuditTrail audit)
    {
        boolean production = isProduction(environment);
        if (governance.users().count() > 0) {
            return;
        }
        Optional<String> configured = configuredPassword(environment);
        if (configured.isEmpty() && production) {
            throw new IllegalStateException("The production profile needs NEUROLAKE_ADMIN_PASSWORD or NEUROLAKE_ADMIN_PASSWORD_FILE for the first admin");
        }
        String password = configured.orElseGet(FirstStartAdmin::randomPassword);
        if (production && (password.length() < 12 || WEAK.contains(password.toLowerCase()))) {
            throw new IllegalStateException("The production profile refuses a weak admin password: use at least 12 characters, not a default");
        }
        governance.users().create("admin", passwordEncoder.encode(password), Set.of(Role.ADMIN));
        audit.recordFor("system", "USER_CREATE", "admin", "SUCCEEDED", Map.of("roles", "ADMIN", "firstStart", true));
        if (configured.isEmpty()) {
            LOG.warn("Created user 'admin' with the generated password: {}  (shown once; set NEUROLAKE_ADMIN_PASSWORD to choose it)", password);
        }
        else {
            LOG.info("Created user 'admin' with the configured password");
        }
    }

    private static Optional<String> configuredPassword(Environment environment)
    {
        Optional<String> direct = Optional.ofNullable(environment.getProperty("NEUROLAKE_ADMIN_PASSWORD")).filter(value -> !value.isBlank());
        if (direct.isPresent()) {
            return direct;
        }
        return Optional.ofNullable(environment.getProperty("NEUROLAKE_ADMIN_PASSWORD_FILE")).filter(value -> !value.isBlank()).map(file -> {
            try {
                return Files.readString(Path.of(file)).strip();
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read NEUROLAKE_ADMIN_PASSWORD_FILE " + file, e);
            }
        });
    }

    static boolean isProduction(Environment environment)
    {
        return environment.acceptsProfiles(Profiles.of("production"));
    }

    /**
     * Checked before anything connects anywhere: in production the metadata database must have
     * a real password.
     */
    public static void requireProductionSecrets(Environment environment)
    {
        if (!isProduction(environment)) {
            return;
        }
        String metadataUrl = environment.getProperty("neurolake.metadata.url", "");
        if (metadataUrl.startsWith("jdbc:postgresql:")) {
            String password = environment.getProperty("neurolake.metadata.password", "");
            if (password.isBlank() || WEAK.contains(password.toLowerCase())) {
                throw new IllegalStateException("The production profile needs a real neurolake.metadata.password for " + metadataUrl);
            }
        }
    }

    private static String randomPassword()
    {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int index = 0; index < 24; index++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
