package dev.neurolake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The packaged NeuroLake server ({@code neurolake-server.jar}) running as a child process on a
 * free loopback port, as it is deployed: its own JVM, heap, JIT and garbage collector, so the
 * benchmark's HTTP client and its raw DuckDB never share them with the server, and the server's
 * CPU time can be read apart from the benchmark's.
 */
final class NeuroLakeServerProcess
        implements AutoCloseable
{
    /** The flags the server needs on JDK 21+ (the parent POM's {@code neurolake.jvm.flags}). */
    private static final List<String> JVM_FLAGS = List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI baseUri;
    private final Path logFile;
    private final Thread shutdownHook;

    private NeuroLakeServerProcess(Process process, URI baseUri, Path logFile)
    {
        this.process = requireNonNull(process, "process is null");
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
        this.logFile = requireNonNull(logFile, "logFile is null");
        // A benchmark stopped with Ctrl-C must not leave a server running.
        this.shutdownHook = new Thread(process::destroy, "neurolake-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the server and waits until {@code /ready} answers.
     *
     * @param duckDbThreads DuckDB worker threads, the same number the raw DuckDB gets
     * @param adminPassword the first admin's password, passed in the environment rather than on a command line others can read
     */
    static NeuroLakeServerProcess start(Path serverJar, Path dataDirectory, int duckDbThreads, String adminPassword, Path logFile, Duration startTimeout)
    {
        requireNonNull(serverJar, "serverJar is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(adminPassword, "adminPassword is null");
        requireNonNull(logFile, "logFile is null");
        requireNonNull(startTimeout, "startTimeout is null");
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalStateException("No server jar at " + serverJar.toAbsolutePath() + ": build it with ./mvnw -B -pl neurolake-server -am package -DskipTests");
        }
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of(
                "-jar", serverJar.toAbsolutePath().toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--neurolake.data-directory=" + dataDirectory.toAbsolutePath(),
                "--neurolake.duckdb.threads=" + duckDbThreads,
                // The benchmark sends hundreds of requests a minute; the limits protect a shared server, not this one.
                "--neurolake.ratelimit.enabled=false",
                "--neurolake.demo.enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("NEUROLAKE_ADMIN_PASSWORD", adminPassword);
        Process process;
        try {
            Files.createDirectories(dataDirectory);
            process = builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        NeuroLakeServerProcess server = new NeuroLakeServerProcess(process, URI.create("http://127.0.0.1:" + port), logFile);
        try {
            server.awaitReady(startTimeout);
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI baseUri()
    {
        return baseUri;
    }

    long pid()
    {
        return process.pid();
    }

    /** CPU time of the whole server process so far (JVM and DuckDB threads), at the operating system's tick resolution. */
    Duration cpuTime()
    {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("The platform does not report the CPU time of process " + process.pid()));
    }

    /** The last lines of the server's log, to explain a failure. */
    String logTail(int lines)
    {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout)
    {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with code " + process.exitValue() + " while starting:\n" + logTail(40));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // Not listening yet.
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the server", e);
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("The server was not ready after " + timeout.toSeconds() + " s:\n" + logTail(40));
    }

    /** Asks the server to shut down gracefully (SIGTERM), and kills it if it does not within 30 s. */
    @Override
    public void close()
    {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs anyway and finds the process gone.
        }
    }

    /** A port the operating system just handed out; the server binds it a moment later. */
    private static int freeLoopbackPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    private static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the server", e);
        }
    }
}
