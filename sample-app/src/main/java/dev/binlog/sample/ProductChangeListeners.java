package dev.binlog.sample;

import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.spring.BinlogListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reacts to every committed change of {@code shop.products}, whoever made it: evicts the cached product on UPDATE and
 * DELETE, and records every change in the audit trail.
 */
@Component
class ProductChangeListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ProductChangeListeners.class);

    private final ProductCatalog catalog;
    private final AuditTrail audit;

    ProductChangeListeners(ProductCatalog catalog, AuditTrail audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    @BinlogListener(table = "shop.products", on = {ChangeType.UPDATE, ChangeType.DELETE})
    void evict(Product product) {
        if (catalog.evict(product.id())) {
            LOG.info("Product {} changed in the database: evicted from the cache", product.id());
        }
    }

    @BinlogListener(table = "shop.products")
    void audit(RowChange change) {
        audit.record(new AuditEntry(change.type().name(), change.qualifiedTable(),
                change.before() == null ? null : change.before().asMap(),
                change.after() == null ? null : change.after().asMap(), change.changedColumns(),
                change.metadata().binlogFile() + ":" + change.metadata().position(), change.metadata().gtid(),
                change.metadata().timestamp()));
    }
}
