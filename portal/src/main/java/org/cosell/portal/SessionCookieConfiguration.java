package org.cosell.portal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The session cookie is {@code Secure} everywhere but in local mode ({@code COSELL_LOCAL_MODE=true}),
 * where the browser speaks plain HTTP to localhost and would otherwise never send it back. Its
 * other flags (HttpOnly, SameSite=Lax, the name) are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    @Bean
    ServletContextInitializer secureSessionCookie(@Value("${cosell.local-mode:false}") boolean localMode) {
        return servletContext -> servletContext.getSessionCookieConfig().setSecure(!localMode);
    }
}
