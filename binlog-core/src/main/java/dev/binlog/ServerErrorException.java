package dev.binlog;

/** The server answered with an error packet: its error code, SQL state and message are kept as sent. */
public class ServerErrorException extends ProtocolException {

    private final int errorCode;
    private final String sqlState;

    public ServerErrorException(int errorCode, String sqlState, String serverMessage, String context) {
        super(context + ": server error " + errorCode + " (" + sqlState + "): " + serverMessage);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
