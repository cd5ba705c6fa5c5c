package org.cosell.expiry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ExpirySchedulerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpirySchedulerApplication.class, args);
    }
}
