package dev.binlog;

/** How the client uses TLS, with the meaning of MySQL's {@code --ssl-mode}. */
public enum TlsMode {
    /** Plain TCP, even when the server offers TLS. */
    DISABLED,
    /** TLS when the server offers it, plain TCP otherwise; the server certificate is not checked. */
    PREFERRED,
    /** TLS or fail; the server certificate is not checked (encryption without authentication). */
    REQUIRED,
    /** TLS or fail, and the server certificate must chain to the configured CA (host name not checked). */
    VERIFY_CA,
    /** As {@link #VERIFY_CA}, and the certificate must name the host we connect to. */
    VERIFY_IDENTITY;

    /** Whether the connection must fail when TLS cannot be established. */
    public boolean required() {
        return this != DISABLED && this != PREFERRED;
    }

    /** Whether the server certificate chain is checked against the trusted CAs. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_IDENTITY;
    }
}
