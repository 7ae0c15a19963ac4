package dev.binlog.value;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collation id → Java charset. Holds MySQL 8's and MariaDB's fixed ids; servers with further ids (MariaDB 11's UCA
 * 14.0 collations, say) are taught them at connect time from {@code information_schema.COLLATIONS} through
 * {@link #register}. An id we cannot map gives {@code null}, and the value stays bytes rather than be guessed.
 */
public final class Charsets {

    /** The {@code binary} pseudo-charset: the value is bytes. */
    public static final int BINARY = 63;

    private static final Map<Integer, Charset> BY_ID = new ConcurrentHashMap<>();
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("big5", "Big5"), Map.entry("cp850", "IBM850"), Map.entry("koi8r", "KOI8-R"),
            Map.entry("latin1", "windows-1252"), Map.entry("latin2", "ISO-8859-2"), Map.entry("ascii", "US-ASCII"),
            Map.entry("ujis", "EUC-JP"), Map.entry("sjis", "Shift_JIS"), Map.entry("hebrew", "ISO-8859-8"),
            Map.entry("tis620", "TIS-620"), Map.entry("euckr", "EUC-KR"), Map.entry("koi8u", "KOI8-U"),
            Map.entry("gb2312", "GB2312"), Map.entry("greek", "ISO-8859-7"), Map.entry("cp1250", "windows-1250"),
            Map.entry("gbk", "GBK"), Map.entry("latin5", "ISO-8859-9"), Map.entry("utf8", "UTF-8"),
            Map.entry("utf8mb3", "UTF-8"), Map.entry("ucs2", "UTF-16BE"), Map.entry("cp866", "IBM866"),
            Map.entry("macce", "x-MacCentralEurope"), Map.entry("macroman", "x-MacRoman"),
            Map.entry("cp852", "IBM852"), Map.entry("latin7", "ISO-8859-13"), Map.entry("utf8mb4", "UTF-8"),
            Map.entry("cp1251", "windows-1251"), Map.entry("utf16", "UTF-16BE"), Map.entry("utf16le", "UTF-16LE"),
            Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"), Map.entry("utf32", "UTF-32BE"),
            Map.entry("cp932", "windows-31j"), Map.entry("eucjpms", "x-eucJP-Open"), Map.entry("gb18030", "GB18030"));

    static {
        // Fixed collation ids shared by MySQL and MariaDB (SHOW COLLATION); ranges are the per-language variants.
        String[] single = {
            "1 big5", "2 latin2", "3 dec8", "4 cp850", "5 latin1", "6 hp8", "7 koi8r", "8 latin1", "9 latin2",
            "10 swe7", "11 ascii", "12 ujis", "13 sjis", "14 cp1251", "15 latin1", "16 hebrew", "18 tis620",
            "19 euckr", "20 latin7", "21 latin2", "22 koi8u", "23 cp1251", "24 gb2312", "25 greek", "26 cp1250",
            "27 latin2", "28 gbk", "29 cp1257", "30 latin5", "31 latin1", "32 armscii8", "33 utf8mb3", "34 cp1250",
            "35 ucs2", "36 cp866", "37 keybcs2", "38 macce", "39 macroman", "40 cp852", "41 latin7", "42 latin7",
            "43 macce", "44 cp1250", "45 utf8mb4", "46 utf8mb4", "47 latin1", "48 latin1", "49 latin1", "50 cp1251",
            "51 cp1251", "52 cp1251", "53 macroman", "54 utf16", "55 utf16", "56 utf16le", "57 cp1256", "58 cp1257",
            "59 cp1257", "60 utf32", "61 utf32", "62 utf16le", "64 armscii8", "65 ascii", "66 cp1250", "67 cp1256",
            "68 cp866", "69 dec8", "70 greek", "71 hebrew", "72 hp8", "73 keybcs2", "74 koi8r", "75 koi8u",
            "76 utf8mb3", "77 latin2", "78 latin5", "79 latin7", "80 cp850", "81 cp852", "82 swe7", "83 utf8mb3",
            "84 big5", "85 euckr", "86 gb2312", "87 gbk", "88 sjis", "89 tis620", "90 ucs2", "91 ujis",
            "92 geostd8", "93 geostd8", "94 latin1", "95 cp932", "96 cp932", "97 eucjpms", "98 eucjpms",
            "99 cp1250", "159 ucs2", "223 utf8mb3", "248 gb18030", "249 gb18030", "250 gb18030"};
        for (String entry : single) {
            String[] parts = entry.split(" ");
            define(Integer.parseInt(parts[0]), parts[1]);
        }
        defineRange(101, 124, "utf16");
        defineRange(128, 151, "ucs2");
        defineRange(160, 183, "utf32");
        defineRange(192, 215, "utf8mb3");
        defineRange(224, 247, "utf8mb4");
        defineRange(255, 323, "utf8mb4"); // MySQL 8 utf8mb4_0900_* and utf8mb4_*_0900_* collations
    }

    private Charsets() {
    }

    private static void define(int id, String mysqlName) {
        Charset charset = javaCharset(mysqlName);
        if (charset != null) {
            BY_ID.put(id, charset);
        }
    }

    private static void defineRange(int from, int to, String mysqlName) {
        for (int id = from; id <= to; id++) {
            define(id, mysqlName);
        }
    }

    /** The Java charset for a MySQL charset name ({@code utf8mb4}, {@code latin1}…), or {@code null}. */
    public static Charset javaCharset(String mysqlName) {
        String javaName = JAVA_NAMES.get(mysqlName.toLowerCase(Locale.ROOT));
        if (javaName == null || !Charset.isSupported(javaName)) {
            return null;
        }
        return Charset.forName(javaName);
    }

    /** Teaches an id the server reported (e.g. from {@code information_schema.COLLATIONS}). */
    public static void register(int collationId, String mysqlCharsetName) {
        if (collationId != BINARY) {
            define(collationId, mysqlCharsetName);
        }
    }

    /** The charset of a collation id, or {@code null} for binary and for ids we cannot map. */
    public static Charset forCollation(int collationId) {
        return collationId == BINARY ? null : BY_ID.get(collationId);
    }
}
