package dev.binlog.sample;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Products (cached), the audit trail and the live change feed. */
@RestController
public class ProductController {

    private final ProductCatalog catalog;
    private final ProductRepository repository;
    private final AuditTrail audit;

    public ProductController(ProductCatalog catalog, ProductRepository repository, AuditTrail audit) {
        this.catalog = catalog;
        this.repository = repository;
        this.audit = audit;
    }

    /** One product, from the cache when it is there; {@code servedFromCache} tells which. */
    @GetMapping("/products/{id}")
    public ResponseEntity<Map<String, Object>> product(@PathVariable long id) {
        boolean cached = catalog.isCached(id);
        Product product = catalog.get(id);
        if (product == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("product", product, "servedFromCache", cached));
    }

    /** Every product as the database has it, with whether the cache holds it. */
    @GetMapping("/products")
    public List<Map<String, Object>> products() {
        return repository.findAll().stream()
                .map(p -> Map.<String, Object>of("product", p, "cached", catalog.isCached(p.id())))
                .toList();
    }

    @GetMapping("/audit")
    public List<AuditEntry> audit() {
        return audit.latest();
    }

    /** Server-sent events: one {@code change} event per row change. */
    @GetMapping("/changes")
    public SseEmitter changes() {
        return audit.follow();
    }
}
