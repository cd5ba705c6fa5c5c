package org.cosell.support.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The management port's error path answers problem+json too. Its context has an error endpoint of
 * Boot's own that cannot be replaced, so a filter answers before it: a direct call to the error path
 * gets 404, an error forwarded there gets its status, as {@link ProblemErrorController} does on the
 * API port.
 */
@ManagementContextConfiguration(ManagementContextType.CHILD)
public class ManagementErrorConfiguration {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> managementProblemErrors(JsonMapper jsonMapper,
            @Value("${server.error.path:/error}") String errorPath) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getDispatcherType() == DispatcherType.ERROR || errorPath.equals(request.getRequestURI())) {
                    response.resetBuffer();
                    Problems.write(response, ProblemErrorController.problemFor(request), jsonMapper);
                    return;
                }
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }
        });
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }
}
