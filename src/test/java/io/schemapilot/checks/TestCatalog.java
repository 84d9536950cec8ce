package io.schemapilot.checks;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogSnapshot.Column;
import io.schemapilot.catalog.CatalogSnapshot.Constraint;
import io.schemapilot.catalog.CatalogSnapshot.EnumType;
import io.schemapilot.catalog.CatalogSnapshot.Index;
import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made catalogs for planner tests (the runner tests read real ones). */
final class TestCatalog {
    private final List<Table> tables = new ArrayList<>();
    private final List<EnumType> enums = new ArrayList<>();

    static TestCatalog create() {
        return new TestCatalog();
    }

    /** The shop of DataCheckRunnerTest: users, orders, sessions, order_items, an enum, a view. */
    static CatalogSnapshot shop() {
        return create()
                .enumType("order_status", "new", "pending", "paid", "shipped")
                .table("users", List.of(col("id", "int8", true), col("email", "text", false),
                                col("api_token", "text", false), col("password_hash", "text", false),
                                col("deleted_at", "timestamptz", false)),
                        List.of(pk("users_pkey", "id")),
                        List.of(new Index("users_pkey", true, true, true, false, "btree", List.of("id"), "", 0),
                                new Index("users_hash_idx", true, false, true, false, "btree",
                                        List.of("password_hash"), "", 0)))
                .table("orders", List.of(col("id", "int8", true), col("user_id", "int8", false),
                                col("status", "order_status", false), col("amount", "text", false),
                                col("total", "numeric", false), col("legacy", "text", false),
                                new Column("code", "character varying(20)", "varchar", 24, false, null, ' ', ' '),
                                col("qty", "int4", false), col("placed_at", "timestamp", false),
                                col("tags", "_order_status", false), col("ref", "text", true)),
                        List.of(pk("orders_pkey", "id"),
                                new Constraint("orders_user_fk", 'f', List.of("user_id"), false,
                                        "FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID",
                                        new QualifiedName("public", "users"), null),
                                new Constraint("positive_total", 'c', List.of("total"), false,
                                        "CHECK ((total > (0)::numeric)) NOT VALID", null, null),
                                new Constraint("qty_not_null", 'c', List.of("qty"), true,
                                        "CHECK ((qty IS NOT NULL))", null, null)),
                        List.of())
                .table("sessions", List.of(col("token", "text", true), col("user_id", "int8", false),
                        col("note", "text", false)), List.of(pk("sessions_pkey", "token")), List.of())
                .table("order_items", List.of(col("id", "int8", true), col("order_id", "int8", false)),
                        List.of(pk("order_items_pkey", "id"), new Constraint("order_items_order_fk", 'f',
                                List.of("order_id"), true, "FOREIGN KEY (order_id) REFERENCES orders(id)",
                                new QualifiedName("public", "orders"), null)), List.of())
                .view("recent_orders")
                .build();
    }

    static Column col(String name, String baseType, boolean notNull) {
        return new Column(name, baseType, baseType, -1, notNull, null, ' ', ' ');
    }

    static Constraint pk(String name, String... cols) {
        return new Constraint(name, 'p', List.of(cols), true, "PRIMARY KEY (" + String.join(", ", cols) + ")", null,
                name);
    }

    TestCatalog table(String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        tables.add(new Table("public", name, 'r', false, null, 1000, 1 << 20, columns, constraints, indexes, List.of(),
                List.of()));
        return this;
    }

    TestCatalog view(String name) {
        tables.add(new Table("public", name, 'v', false, null, -1, 0, List.of(), List.of(), List.of(), List.of(),
                List.of()));
        return this;
    }

    TestCatalog enumType(String name, String... labels) {
        enums.add(new EnumType("public", name, List.of(labels)));
        return this;
    }

    CatalogSnapshot build() {
        return new CatalogSnapshot("shop", "16.4", 160004, Map.of("search_path", "\"$user\", public"),
                List.of("public"), List.copyOf(tables), List.copyOf(enums), List.of());
    }
}
