package dev.binlog.protocol;

/** Which server family we talk to; they differ in replication commands and variables. */
public enum ServerFlavor {
    MYSQL,
    MARIADB
}
