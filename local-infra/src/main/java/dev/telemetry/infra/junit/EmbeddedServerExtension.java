package dev.telemetry.infra.junit;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Hands tests a running embedded server, kept in the root context (one server per JVM, closed when
 * the test engine finishes) or in the test class's context (closed after the class).
 *
 * @param <T> the server
 */
abstract class EmbeddedServerExtension<T extends AutoCloseable>
        implements BeforeAllCallback, BeforeEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(EmbeddedServerExtension.class);

    private final boolean perJvm;
    private final Object key;
    private final Class<T> type;
    private final Supplier<T> factory;
    private final UnaryOperator<T> ensureRunning;
    private volatile T server;

    /**
     * @param ensureRunning starts the server if needed; also applied to an existing server, because
     *     an earlier test class may have left a shared server stopped
     */
    EmbeddedServerExtension(
            boolean perJvm, Class<T> type, Supplier<T> factory, UnaryOperator<T> ensureRunning) {
        this.perJvm = perJvm;
        // One server per JVM and type; per class, one per extension instance.
        this.key = perJvm ? type.getName() : this;
        this.type = type;
        this.factory = factory;
        this.ensureRunning = ensureRunning;
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        acquire(context);
    }

    @Override
    public final void beforeEach(ExtensionContext context) {
        acquire(context);
    }

    final T server() {
        T current = server;
        if (current == null) {
            throw new IllegalStateException(
                    "Not started yet: register the extension with @RegisterExtension on a static"
                            + " field and use it from tests or @BeforeEach/@BeforeAll methods");
        }
        return current;
    }

    private void acquire(ExtensionContext context) {
        ExtensionContext owner = perJvm ? context.getRoot() : classContext(context);
        // JUnit closes AutoCloseable values when the owning context ends.
        T current =
                owner.getStore(NAMESPACE)
                        .getOrComputeIfAbsent(key, k -> ensureRunning.apply(factory.get()), type);
        server = ensureRunning.apply(current);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
