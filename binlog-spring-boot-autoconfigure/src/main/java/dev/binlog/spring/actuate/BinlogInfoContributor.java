package dev.binlog.spring.actuate;

import dev.binlog.stream.BinlogClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** {@code binlog} in {@code /actuator/info}: the server's replication settings and the position store in use. */
public final class BinlogInfoContributor implements InfoContributor {

    private final BinlogClient client;

    public BinlogInfoContributor(BinlogClient client) {
        this.client = client;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> info = new LinkedHashMap<>();
        client.server().ifPresent(server -> {
            info.put("flavor", server.flavor().displayName());
            info.put("version", server.version());
            info.put("binlogFormat", server.binlogFormat());
            info.put("binlogRowImage", server.binlogRowImage());
            info.put("binlogRowMetadata", server.binlogRowMetadata());
            BinlogServerDetails.putGtidMode(info, server);
        });
        info.put("positionStore", client.settings().positionStore().toString());
        builder.withDetail("binlog", info);
    }
}
