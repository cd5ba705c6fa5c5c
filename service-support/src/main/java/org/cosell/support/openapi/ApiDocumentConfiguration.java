package org.cosell.support.openapi;

import org.cosell.support.security.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of every service ({@link ApiDocumentCustomizer}). A {@link Caller} parameter is
 * taken from the token, never sent by the client, so it is no parameter of the document.
 */
@AutoConfiguration
public class ApiDocumentConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    ApiDocumentCustomizer apiDocumentCustomizer(ObjectProvider<ProblemResponses> declared, JsonMapper json) {
        return new ApiDocumentCustomizer(declared.orderedStream().toList(), RequestExamples.load(json));
    }
}
