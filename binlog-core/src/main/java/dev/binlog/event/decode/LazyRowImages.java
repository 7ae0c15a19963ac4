package dev.binlog.event.decode;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.DecodeException;
import dev.binlog.RowValues;
import dev.binlog.io.ByteCursor;
import dev.binlog.io.MalformedDataException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The row images of one rows event, decoded on access. All images share one copy of the event's row bytes and one
 * table of value offsets, found by the skip pass when the event was read ({@link RowsEventDecoder}); an image
 * decodes a column the first time it is read and keeps the value.
 *
 * <p>Thread-safe: the bytes and offsets never change after construction, and a decoded value is installed with a
 * compare-and-set, so threads racing on one column all get the instance that won.
 */
final class LazyRowImages {

    /** Offset table entry of a column the image does not include. */
    static final int ABSENT = -1;
    /** Offset table entry of a NULL column. */
    static final int NULL = -2;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle CACHE;
    /** A decoded value that is {@code null} (a zero date read as NULL): the slot is taken, not empty. */
    private static final Object DECODED_NULL = new Object();

    static {
        try {
            CACHE = MethodHandles.lookup().findVarHandle(Image.class, "cache", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] data;
    private final int[] offsets;
    private final List<Column> columns;
    private final int stride;
    private final ColumnValueReader reader;
    private final boolean rawIntegers;
    private final RowsEventDecoder.RowImageReader where;
    private final int offsetDelta;

    /**
     * @param data        the rows' bytes (owned from now on)
     * @param offsets     per image {@code columns + 1} entries: each column's value offset in {@code data}, or
     *                    {@link #ABSENT} / {@link #NULL}, then where the image ends
     * @param where       names file, position, table and column in error messages
     * @param offsetDelta what to add to an offset in {@code data} to give the offset the messages name
     */
    LazyRowImages(byte[] data, int[] offsets, List<Column> columns, ColumnValueReader reader,
            RowsEventDecoder.RowImageReader where, int offsetDelta) {
        this.data = data;
        this.offsets = offsets;
        this.columns = columns;
        this.stride = columns.size() + 1;
        this.reader = reader;
        this.rawIntegers = ColumnValueReaders.isDefault(reader);
        this.where = where;
        this.offsetDelta = offsetDelta;
    }

    /** The {@code n}th image of the event (0-based, in event order: for updates before, after, before…). */
    Image image(int n) {
        return new Image(n * stride);
    }

    private Object decode(int column, int start, int end) {
        Column c = columns.get(column);
        try {
            return reader.read(new ByteCursor(data, start, end - start), c);
        } catch (DecodeException e) {
            throw new LocatedDecodeException(where.where(c, start + offsetDelta) + ": " + e.getMessage(), e.corrupt(),
                    e);
        } catch (MalformedDataException e) {
            throw new LocatedDecodeException(where.where(c, start + offsetDelta) + ": " + e.getMessage(), true, e);
        } catch (RuntimeException e) {
            throw new LocatedDecodeException(where.where(c, start + offsetDelta) + ": " + e, true, e);
        }
    }

    /**
     * Types whose decoded values differ whenever their bytes do, so an UPDATE's changed columns need no decoding.
     * Not floats (NaNs), text (charsets map some byte sequences alike), DECIMAL, temporals or JSON.
     */
    private static boolean oneValuePerEncoding(ColumnType type) {
        return switch (type) {
            case TINY, SHORT, INT24, LONG, LONGLONG, YEAR, BIT -> true;
            default -> false;
        };
    }

    private static boolean mayDecodeToNull(ColumnType type) {
        return switch (type) {
            case DATE, NEWDATE, DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2 -> true;
            default -> false;
        };
    }

    /** One row image over the shared bytes. */
    final class Image implements RowValues {

        private final int base;
        @SuppressWarnings("unused") // through CACHE
        private volatile Object[] cache;

        private Image(int base) {
            this.base = base;
        }

        private LazyRowImages owner() {
            return LazyRowImages.this;
        }

        @Override
        public int size() {
            return columns.size();
        }

        @Override
        public boolean isPresent(int index) {
            return offsets[base + Objects.checkIndex(index, columns.size())] != ABSENT;
        }

        @Override
        public boolean isNull(int index) {
            int start = offsets[base + Objects.checkIndex(index, columns.size())];
            if (start < 0) {
                return true;
            }
            return (!rawIntegers || mayDecodeToNull(columns.get(index).type())) && get(index) == null;
        }

        @Override
        public Object get(int index) {
            int start = offsets[base + Objects.checkIndex(index, columns.size())];
            if (start < 0) {
                return null;
            }
            Object[] values = cache();
            Object value = SLOT.getAcquire(values, index);
            if (value == null) {
                Object decoded = decode(index, start, offsets[base + columns.size()]);
                value = SLOT.compareAndExchange(values, index, null, decoded == null ? DECODED_NULL : decoded);
                if (value == null) {
                    return decoded;
                }
            }
            return value == DECODED_NULL ? null : value;
        }

        private Object[] cache() {
            Object[] values = (Object[]) CACHE.getAcquire(this);
            if (values == null) {
                Object[] fresh = new Object[columns.size()];
                values = (Object[]) CACHE.compareAndExchange(this, null, fresh);
                if (values == null) {
                    values = fresh;
                }
            }
            return values;
        }

        @Override
        public boolean hasRawInteger(int index) {
            if (!rawIntegers || offsets[base + Objects.checkIndex(index, columns.size())] < 0) {
                return false;
            }
            Object[] values = (Object[]) CACHE.getAcquire(this);
            if (values != null && SLOT.getAcquire(values, index) != null) {
                return false;
            }
            return switch (columns.get(index).type()) {
                case TINY, SHORT, INT24, LONG, LONGLONG -> true;
                default -> false;
            };
        }

        @Override
        public long rawInteger(int index) {
            int at = offsets[base + index];
            Column column = columns.get(index);
            boolean unsigned = Boolean.TRUE.equals(column.unsigned());
            int bytes = switch (column.type()) {
                case TINY -> 1;
                case SHORT -> 2;
                case INT24 -> 3;
                case LONG -> 4;
                case LONGLONG -> 8;
                default -> throw new IllegalStateException("column " + index + " is " + column.type());
            };
            if (at < 0 || at + bytes > offsets[base + columns.size()]) {
                throw new IllegalStateException("column " + index + " has no value of " + bytes + " bytes");
            }
            long value = 0;
            for (int i = 0; i < bytes; i++) {
                value |= (data[at + i] & 0xFFL) << (8 * i);
            }
            if (bytes == 8) {
                if (unsigned && value < 0) {
                    throw new ArithmeticException("BIGINT UNSIGNED above Long.MAX_VALUE");
                }
                return value;
            }
            if (!unsigned) {
                int shift = 64 - 8 * bytes;
                value = value << shift >> shift;
            }
            return value;
        }

        @Override
        public boolean sameValue(int index, RowValues other) {
            if (!(other instanceof Image image) || image.owner() != owner()) {
                return RowValues.super.sameValue(index, other);
            }
            int a = offsets[base + index];
            int b = offsets[image.base + index];
            if (a >= 0 && b >= 0) {
                int aEnd = valueEnd(base, index);
                int bEnd = valueEnd(image.base, index);
                if (Arrays.equals(data, a, aEnd, data, b, bEnd)) {
                    return true;
                }
                if (rawIntegers && oneValuePerEncoding(columns.get(index).type())) {
                    return false;
                }
            } else if (a == b || !mayDecodeToNull(columns.get(index).type()) && rawIntegers) {
                return a == b;
            }
            return RowValues.super.sameValue(index, other);
        }

        /** Where the value of a non-NULL column ends: at the next value, or at the image's end. */
        private int valueEnd(int imageBase, int index) {
            for (int i = index + 1; i < columns.size(); i++) {
                int next = offsets[imageBase + i];
                if (next >= 0) {
                    return next;
                }
            }
            return offsets[imageBase + columns.size()];
        }

        @Override
        public String toString() {
            return "RowValues(" + columns.size() + " columns, decoded on access)";
        }
    }
}
