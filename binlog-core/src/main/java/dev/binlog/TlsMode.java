package dev.binlog;

/** How the client uses TLS, with the same meanings as the MySQL client's {@code --ssl-mode}. */
public enum TlsMode {
    /** Never use TLS. */
    DISABLED,
    /** Use TLS when the server offers it, without verifying its certificate. */
    PREFERRED,
    /** Require TLS, without verifying the server's certificate. */
    REQUIRED,
    /** Require TLS and a server certificate signed by the configured CA. */
    VERIFY_CA,
    /** As {@link #VERIFY_CA}, and the certificate must name the host we connected to. */
    VERIFY_IDENTITY
}
