/**
 * From event bytes to {@link dev.binlog.event.BinlogEvent}s: {@link dev.binlog.event.decode.EventDecoder} (header,
 * CRC32, dispatch) over an {@link dev.binlog.event.decode.EventDecoderRegistry} of one
 * {@link dev.binlog.event.decode.EventBodyDecoder} per event type, with the stream state (FORMAT_DESCRIPTION, checksum
 * mode, table maps) in a {@link dev.binlog.event.decode.DecoderContext}. Used by the live client and the file reader.
 */
package dev.binlog.event.decode;
