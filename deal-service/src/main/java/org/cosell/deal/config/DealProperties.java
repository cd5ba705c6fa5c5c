package org.cosell.deal.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param engagementResponseWindow how long Microsoft sellers have to answer a co-sell request ({@code ENGAGEMENT_RESPONSE_WINDOW})
 * @param solutionCatalogFile      the shipped solution catalog, loaded at start; blank for none
 * @param customerDirectoryFile    the shipped customer directory, loaded at start; blank for none
 */
@ConfigurationProperties("cosell.deals")
public record DealProperties(
        @DefaultValue("P14D") Duration engagementResponseWindow,
        @DefaultValue("classpath:catalog/solutions.json") String solutionCatalogFile,
        @DefaultValue("classpath:catalog/customers.json") String customerDirectoryFile) {
}
