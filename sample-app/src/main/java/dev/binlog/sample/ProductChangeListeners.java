package dev.binlog.sample;

import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.sample.AuditEntry.CacheEffect;
import dev.binlog.spring.BinlogListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reacts to every committed change of {@code shop.products}, whoever made it: evicts the cached product on UPDATE and
 * DELETE, and records the change, with what it did to the cache, in the audit trail.
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

    /**
     * One listener for both jobs: listeners of the same change run in no promised order, so only the call that
     * evicts can tell the audit trail whether there was an entry to evict.
     *
     * @param product the row after the change, or before it for a DELETE
     * @param change  the change itself, with every column of both images, for the audit trail
     */
    @BinlogListener(table = "shop.products")
    void onProductChange(Product product, RowChange change) {
        CacheEffect effect = CacheEffect.NONE;
        if (change.type() != ChangeType.INSERT) {
            effect = catalog.evict(product.id()) ? CacheEffect.EVICTED : CacheEffect.NOT_CACHED;
        }
        if (effect == CacheEffect.EVICTED) {
            LOG.info("Product {} changed in the database: evicted from the cache", product.id());
        }
        audit.record(new AuditEntry(change.type().name(), change.qualifiedTable(),
                change.before() == null ? null : change.before().asMap(),
                change.after() == null ? null : change.after().asMap(), change.changedColumns(),
                change.metadata().binlogFile() + ":" + change.metadata().position(), change.metadata().gtid(),
                change.metadata().timestamp(), effect));
    }
}
