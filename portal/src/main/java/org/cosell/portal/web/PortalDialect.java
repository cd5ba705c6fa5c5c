package org.cosell.portal.web;

import java.util.Set;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import org.springframework.stereotype.Component;

/**
 * Makes {@link PortalView} {@code #view} in every template. An expression object rather than a
 * bean reference ({@code @view}): Thymeleaf refuses bean references in links and attributes it
 * evaluates in restricted mode, which is most of where the view's values go.
 */
@Component
class PortalDialect extends AbstractDialect implements IExpressionObjectDialect {

    private final PortalView view;

    PortalDialect(PortalView view) {
        super("cosell");
        this.view = view;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("view");
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return view;
            }

            @Override
            public boolean isCacheable(String name) {
                return true;
            }
        };
    }
}
