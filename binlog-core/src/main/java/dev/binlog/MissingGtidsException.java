package dev.binlog;

/**
 * The server lacks transactions this client already delivered: the position to resume from names GTIDs the server
 * never executed (after a failover to a replica that had not received them, or errant transactions), so streaming
 * from it would either skip or repeat changes. Nothing is streamed.
 */
public class MissingGtidsException extends PositionNotFoundException {

    private final String missing;

    public MissingGtidsException(String message, String missing) {
        super(message);
        this.missing = missing;
    }

    /** The GTIDs the server lacks, in its flavour's text form. */
    public String missing() {
        return missing;
    }
}
