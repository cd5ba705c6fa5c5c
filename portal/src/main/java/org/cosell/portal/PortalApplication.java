package org.cosell.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The partner portal: server-rendered pages for a partner's referrals admin, behind the gateway. It
 * holds no data of its own; every page is a call to the public API through the gateway, made with
 * the signed-in user's token, which stays in the server-side session.
 */
// no user store: users sign in through a sign-in of the portal's own (security/), never with a password here
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
