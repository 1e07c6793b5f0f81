package dev.curfew.interop.spring;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link DemoCurfew} for every test class of the run that asks for it (a {@code DemoCurfew} parameter of a
 * {@code @BeforeAll} method): started on first use, stopped when the run ends.
 */
final class SharedCurfew implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCurfew.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DemoCurfew.class;
    }

    @Override
    public DemoCurfew resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(DemoCurfew.class, k -> DemoCurfew.start(), DemoCurfew.class);
    }
}
