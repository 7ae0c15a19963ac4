package dev.binlog.cli;

import dev.binlog.ServerSettings;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How to reach and log in to a server: {@code --host --port --user --password/--password-env --ssl-* --server-id}. */
final class ConnectionOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", defaultValue = "localhost",
            description = "Server host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-P", "--port"}, paramLabel = "PORT", defaultValue = "3306",
            description = "Server TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Replication user (needs REPLICATION SLAVE, REPLICATION CLIENT and SELECT).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            prompt = "Enter password: ",
            description = "Password; give the option without a value to be prompted for it (not echoed)."
                    + " Prefer --password-env or the prompt: command lines are visible to other users.")
    char[] password;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Read the password from the environment variable NAME.")
    String passwordEnv;

    @Option(names = "--ssl-mode", paramLabel = "MODE", defaultValue = "preferred",
            converter = TlsModeConverter.class, completionCandidates = TlsModeConverter.Candidates.class,
            description = "TLS use: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TlsMode sslMode;

    @Option(names = "--ssl-ca", paramLabel = "FILE",
            description = "PEM file with the CA that signs the server certificate (verify-ca, verify-identity);"
                    + " default: the JDK's trusted CAs.")
    Path sslCa;

    @Option(names = "--ssl-cert", paramLabel = "FILE",
            description = "PEM client certificate, for accounts created with REQUIRE X509 (with --ssl-key).")
    Path sslCert;

    @Option(names = "--ssl-key", paramLabel = "FILE",
            description = "PEM private key of --ssl-cert (PKCS#8 or PKCS#1 RSA, unencrypted).")
    Path sslKey;

    @Option(names = "--server-id", paramLabel = "ID",
            description = "This client's server_id as a replica (1-4294967295); must differ from every other replica."
                    + " Default: random.")
    Long serverId;

    /** Whether {@code --user} was given: {@code read} then fetches column names from the server. */
    boolean userGiven() {
        return user != null && !user.isBlank();
    }

    /** The password from {@code --password}, the prompt or {@code --password-env}; empty when none was given. */
    String password(UnaryOperator<String> environment) {
        if (password != null && passwordEnv != null) {
            throw new ParameterException(spec.commandLine(),
                    "give either --password or --password-env, not both");
        }
        if (passwordEnv != null) {
            String value = environment.apply(passwordEnv);
            if (value == null) {
                throw new ParameterException(spec.commandLine(), "environment variable " + passwordEnv
                        + " (named by --password-env) is not set; export it or use --password without a value to be"
                        + " prompted");
            }
            return value;
        }
        return password == null ? "" : new String(password);
    }

    /** Validates the options and builds the server settings from them. */
    ServerSettings serverSettings(UnaryOperator<String> environment) {
        if (!userGiven()) {
            throw new ParameterException(spec.commandLine(), "missing --user: give the replication user to log in as");
        }
        if (port <= 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a TCP port (1-65535)");
        }
        if ((sslCert == null) != (sslKey == null)) {
            throw new ParameterException(spec.commandLine(), "give --ssl-cert and --ssl-key together");
        }
        ServerSettings.Builder server = ServerSettings.builder().host(host).port(port).user(user)
                .password(password(environment)).tlsMode(sslMode).tlsCaFile(sslCa);
        if (sslCert != null) {
            server.tlsClientCertificate(sslCert, sslKey);
        }
        return server.build();
    }

    /** Validates the options and copies them onto a client builder. */
    BinlogClient.Builder configure(BinlogClient.Builder builder, UnaryOperator<String> environment) {
        ServerSettings server = serverSettings(environment);
        if (serverId != null && (serverId <= 0 || serverId > 0xFFFFFFFFL)) {
            throw new ParameterException(spec.commandLine(),
                    "--server-id " + serverId + " must be between 1 and 4294967295");
        }
        builder.server(server);
        if (serverId != null) {
            builder.serverId(serverId);
        }
        return builder;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ConnectionOptions[" + user + "@" + host + ":" + port + ", ssl-mode="
                + TlsModeConverter.spelling(sslMode) + "]";
    }
}
