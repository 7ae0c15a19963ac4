package dev.binlog.event;

import java.util.List;

/**
 * Status variables of a QUERY event: the session state the statement ran with. Fields the event did not carry are
 * {@code null}.
 *
 * @param flags2                    {@code OPTION_*} bits (autocommit, foreign key checks, unique checks…)
 * @param sqlMode                   the {@code sql_mode} bits
 * @param catalog                   catalog name (always {@code std})
 * @param autoIncrementIncrement    {@code auto_increment_increment}
 * @param autoIncrementOffset       {@code auto_increment_offset}
 * @param charsetClient             {@code character_set_client} collation id
 * @param collationConnection       {@code collation_connection} id
 * @param collationServer           {@code collation_server} id
 * @param timeZone                  {@code time_zone} name
 * @param lcTimeNamesNumber         {@code lc_time_names} number
 * @param collationDatabase         collation id of the default database
 * @param tableMapForUpdate         tables updated by a multi-table UPDATE (bitmap)
 * @param invokerUser               definer user of a stored routine or view
 * @param invokerHost               definer host
 * @param updatedDbNames            databases the statement changed, or {@code null} when not written or too many
 * @param microseconds              microsecond part of the start time
 * @param explicitDefaultsForTimestamp {@code explicit_defaults_for_timestamp}
 * @param ddlXid                    xid of an atomic DDL (MySQL 8.0)
 * @param defaultCollationForUtf8mb4 {@code default_collation_for_utf8mb4}
 * @param sqlRequirePrimaryKey      {@code sql_require_primary_key}
 * @param defaultTableEncryption    {@code default_table_encryption}
 * @param mariaXid                  MariaDB: xid of the transaction this query ends
 * @param mariaHrnowMicros          MariaDB: microsecond part of the start time
 * @param unparsedFromCode          the first status variable code we do not know, after which the rest was not read;
 *                                  {@code null} when every variable was read
 */
public record QueryStatus(
        Long flags2,
        Long sqlMode,
        String catalog,
        Integer autoIncrementIncrement,
        Integer autoIncrementOffset,
        Integer charsetClient,
        Integer collationConnection,
        Integer collationServer,
        String timeZone,
        Integer lcTimeNamesNumber,
        Integer collationDatabase,
        Long tableMapForUpdate,
        String invokerUser,
        String invokerHost,
        List<String> updatedDbNames,
        Integer microseconds,
        Boolean explicitDefaultsForTimestamp,
        Long ddlXid,
        Integer defaultCollationForUtf8mb4,
        Boolean sqlRequirePrimaryKey,
        Boolean defaultTableEncryption,
        Long mariaXid,
        Integer mariaHrnowMicros,
        Integer unparsedFromCode) {

    /** No status variables (QUERY events of binlog v1/v3). */
    public static final QueryStatus EMPTY = new QueryStatus(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}
