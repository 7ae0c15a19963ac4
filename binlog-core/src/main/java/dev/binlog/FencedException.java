package dev.binlog;

/**
 * This instance no longer holds the right to stream: another claimed the shared position row after it
 * ({@link FencedPositionStore}), or its lease ran out ({@link Lease}). The stream stops at once and commits nothing
 * more; start it again only after claiming again.
 */
public class FencedException extends BinlogException {

    public FencedException(String message) {
        super(message);
    }
}
