package org.cosell.gateway.server;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the gateway's HTTP server does on every connection, whatever else is switched on. */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

    @Bean
    NettyServerCustomizer readWhenAnswered() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> ReadWhenAnswered.addTo(channel));
    }
}
