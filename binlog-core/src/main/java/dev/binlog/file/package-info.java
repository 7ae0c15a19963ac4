/** Reading binlog and relay log files from disk: {@link dev.binlog.file.BinlogFileReader}. */
package dev.binlog.file;
