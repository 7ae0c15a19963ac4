package dev.binlog.stream;

/**
 * Where an event sits in the log and when the server wrote it.
 *
 * @param file         binlog file
 * @param position     offset of the event
 * @param nextPosition offset just after it (where the next event starts)
 * @param timestamp    epoch seconds from the event header
 * @param serverId     server that wrote it
 */
record EventContext(String file, long position, long nextPosition, long timestamp, long serverId) {
}
