package org.cosell.portal.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

@Configuration(proxyBeanMethods = false)
class ApiCallsConfiguration {

    /**
     * A page's second concurrent API call ({@link CosellApi#together}) runs on Boot's task executor,
     * which takes this decorator: the call carries the page's trace as one made on the page's own
     * thread does.
     */
    @Bean
    TaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }
}
