package dev.binlog;

import java.util.List;

/**
 * Everything known about one column of a table, as needed to decode its values: the binlog type and metadata from the
 * TABLE_MAP event, and, when the server wrote optional metadata or a schema source filled them in, its name,
 * signedness, character set and ENUM/SET names. Unknown facts are {@code null}.
 *
 * @param index          0-based position in the table
 * @param type           type code from TABLE_MAP (for STRING columns the real type, ENUM/SET/STRING, is resolved
 *                       from {@code metadata})
 * @param metadata       the type's metadata from TABLE_MAP, as an unsigned 16-bit value (0 when the type has none)
 * @param nullable       from TABLE_MAP's null bitmap
 * @param name           column name, or {@code null}
 * @param unsigned       {@code TRUE}/{@code FALSE} when known for numeric columns, else {@code null}
 * @param collationId    character set collation id for character columns (63 = binary), or {@code null}
 * @param enumValues     ENUM value names in order, or {@code null}
 * @param setValues      SET value names in order, or {@code null}
 * @param geometryType   geometry subtype code for GEOMETRY columns, or {@code null}
 * @param dataTypeName   the SQL data type as the schema names it ({@code uuid}, {@code inet6}, {@code tinyint(1)}…) when
 *                       a schema source provided it, else {@code null}
 * @param primaryKey     whether the column is part of the primary key, when known
 * @param visible        {@code FALSE} for invisible columns when known
 * @param vectorDimension VECTOR dimensionality when known
 */
public record Column(
        int index,
        ColumnType type,
        int metadata,
        boolean nullable,
        String name,
        Boolean unsigned,
        Integer collationId,
        List<String> enumValues,
        List<String> setValues,
        Integer geometryType,
        String dataTypeName,
        Boolean primaryKey,
        Boolean visible,
        Integer vectorDimension) {

    /** A column as TABLE_MAP describes it before any optional metadata is applied. */
    public static Column of(int index, ColumnType type, int metadata, boolean nullable) {
        return new Column(index, type, metadata, nullable, null, null, null, null, null, null, null, null, null, null);
    }

    public Column withName(String newName) {
        return new Column(index, type, metadata, nullable, newName, unsigned, collationId, enumValues, setValues,
                geometryType, dataTypeName, primaryKey, visible, vectorDimension);
    }

    public Column withUnsigned(Boolean newUnsigned) {
        return new Column(index, type, metadata, nullable, name, newUnsigned, collationId, enumValues, setValues,
                geometryType, dataTypeName, primaryKey, visible, vectorDimension);
    }

    public Column withCollationId(Integer newCollationId) {
        return new Column(index, type, metadata, nullable, name, unsigned, newCollationId, enumValues, setValues,
                geometryType, dataTypeName, primaryKey, visible, vectorDimension);
    }

    public Column withEnumValues(List<String> values) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId,
                values == null ? null : List.copyOf(values), setValues, geometryType, dataTypeName, primaryKey,
                visible, vectorDimension);
    }

    public Column withSetValues(List<String> values) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId, enumValues,
                values == null ? null : List.copyOf(values), geometryType, dataTypeName, primaryKey, visible,
                vectorDimension);
    }

    public Column withGeometryType(Integer newGeometryType) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId, enumValues, setValues,
                newGeometryType, dataTypeName, primaryKey, visible, vectorDimension);
    }

    public Column withDataTypeName(String newDataTypeName) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId, enumValues, setValues,
                geometryType, newDataTypeName, primaryKey, visible, vectorDimension);
    }

    public Column withPrimaryKey(Boolean newPrimaryKey) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId, enumValues, setValues,
                geometryType, dataTypeName, newPrimaryKey, visible, vectorDimension);
    }

    public Column withVisible(Boolean newVisible) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId, enumValues, setValues,
                geometryType, dataTypeName, primaryKey, newVisible, vectorDimension);
    }

    public Column withVectorDimension(Integer newVectorDimension) {
        return new Column(index, type, metadata, nullable, name, unsigned, collationId, enumValues, setValues,
                geometryType, dataTypeName, primaryKey, visible, newVectorDimension);
    }

    /** The name if known, else MySQL's positional {@code @1}, {@code @2}… */
    public String displayName() {
        return name != null ? name : "@" + (index + 1);
    }
}
