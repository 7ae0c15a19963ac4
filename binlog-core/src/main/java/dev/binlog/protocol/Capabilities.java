package dev.binlog.protocol;

/** Capability flags of the client/server handshake that this client uses. */
final class Capabilities {

    static final int LONG_PASSWORD = 1;
    static final int LONG_FLAG = 1 << 2;
    static final int PROTOCOL_41 = 1 << 9;
    static final int SSL = 1 << 11;
    static final int TRANSACTIONS = 1 << 13;
    static final int SECURE_CONNECTION = 1 << 15;
    static final int MULTI_RESULTS = 1 << 17;
    static final int PLUGIN_AUTH = 1 << 19;
    static final int CONNECT_ATTRS = 1 << 20;
    static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    static final int DEPRECATE_EOF = 1 << 24;

    /** What we ask for; the session uses the intersection with what the server offers. */
    static final int WANTED = LONG_PASSWORD | LONG_FLAG | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
            | MULTI_RESULTS | PLUGIN_AUTH | CONNECT_ATTRS | PLUGIN_AUTH_LENENC_CLIENT_DATA | DEPRECATE_EOF;

    private Capabilities() {
    }
}
