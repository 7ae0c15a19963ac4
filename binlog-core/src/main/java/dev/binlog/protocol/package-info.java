/**
 * The MySQL/MariaDB client/server protocol on the JDK alone: packet framing ({@link dev.binlog.protocol.PacketChannel}),
 * handshake and authentication ({@code mysql_native_password}, {@code caching_sha2_password},
 * {@code sha256_password}, MariaDB {@code client_ed25519}, {@code mysql_clear_password} over TLS only), TLS in the
 * modes of {@link dev.binlog.TlsMode}, and text queries through {@link dev.binlog.protocol.ServerConnection}.
 */
package dev.binlog.protocol;
