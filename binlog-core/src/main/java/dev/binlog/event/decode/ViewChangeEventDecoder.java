package dev.binlog.event.decode;

import dev.binlog.event.EventHeader;
import dev.binlog.event.ViewChangeEvent;
import dev.binlog.io.ByteCursor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * VIEW_CHANGE: view id (40 bytes, NUL padded), sequence number (8), certification entry count (4); then each entry as
 * key length (2), key, value length (4), value.
 */
final class ViewChangeEventDecoder implements EventBodyDecoder<ViewChangeEvent> {

    @Override
    public ViewChangeEvent decode(EventHeader header, ByteCursor body, DecoderContext context) {
        int viewStart = body.position();
        String viewId = new ByteCursor(body.array(), viewStart, 40).readNullTerminatedString(StandardCharsets.UTF_8);
        body.skip(40);
        long sequence = body.readInt64();
        int count = body.readInt32();
        Map<String, String> certification = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = Bytes.utf8(body, body.readUint16());
            String value = Bytes.utf8(body, body.readInt32());
            certification.put(key, value);
        }
        return new ViewChangeEvent(header, viewId, sequence, Map.copyOf(certification));
    }
}
