package dev.binlog.spring.test.shop;

import dev.binlog.spring.BinlogListener;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** A small application with the listeners a user would test: a record parameter and a SpEL condition. */
@SpringBootApplication
public class ShopApplication {

    /** A row of {@code shop.orders}. */
    public record Order(long id, String customerName, BigDecimal total) {
    }

    /** Ships orders above 10. */
    @Component
    public static class BigOrders {

        public final List<Order> shipped = new CopyOnWriteArrayList<>();

        @BinlogListener(table = "shop.orders", condition = "#after.total > 10")
        void ship(Order order) {
            shipped.add(order);
        }
    }
}
