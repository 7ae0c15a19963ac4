package dev.binlog.sample;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Products through the {@code products} cache. */
@Service
public class ProductCatalog {

    static final String CACHE = "products";

    private final ProductRepository repository;
    private final CacheManager caches;

    public ProductCatalog(ProductRepository repository, CacheManager caches) {
        this.repository = repository;
        this.caches = caches;
    }

    @Cacheable(cacheNames = CACHE, unless = "#result == null")
    public Product get(long id) {
        return repository.find(id).orElse(null);
    }

    /** Whether a product is in the cache right now (asked before a read, to report hits). */
    public boolean isCached(long id) {
        Cache cache = caches.getCache(CACHE);
        return cache != null && cache.get(id) != null;
    }

    /** Drops one product from the cache; true if it was there. */
    public boolean evict(long id) {
        Cache cache = caches.getCache(CACHE);
        return cache != null && cache.evictIfPresent(id);
    }
}
