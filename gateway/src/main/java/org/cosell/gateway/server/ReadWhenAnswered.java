package org.cosell.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;

/**
 * Asks for the next bytes of an HTTP/1.1 connection once every request read from it is answered to the end.
 *
 * <p>Reactor Netty reads a connection only when asked (auto-read off). A request that arrives while the answer
 * before it is still being written is queued, and the queue is drained when that answer is done. When the
 * queued request is then answered while it is still being handed on (a refusal written at once, such as a
 * 429 of the rate limiter or a 401), Reactor Netty (1.3) schedules a second drain for the rest of that request
 * still in its queue, drains it in the first, and the second finds the queue empty and asks for nothing: the
 * connection is never read again, and the client's next request waits until the client gives up. A client
 * meets that about once in 2,000 quick calls over its rate limit, when it sends its next request as soon as it
 * has read an answer's body, before the answer's end has gone through the pipeline.
 */
final class ReadWhenAnswered extends ChannelDuplexHandler {

    private static final String HANDLER_NAME = "cosell.readWhenAnswered";

    private int answersOwed;

    private boolean finalAnswerUnderWay;

    /** Puts one on an HTTP/1.1 connection, right after its codec; an HTTP/2 connection gets none. */
    static void addTo(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new ReadWhenAnswered());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest) {
            answersOwed++;
        }
        context.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response) {
            finalAnswerUnderWay = response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
        }
        boolean lastAnswerDone = false;
        if (message instanceof LastHttpContent && finalAnswerUnderWay) {
            finalAnswerUnderWay = false;
            // never below zero, whatever Reactor Netty may write of its own accord
            answersOwed = Math.max(0, answersOwed - 1);
            lastAnswerDone = answersOwed == 0;
        }
        context.write(message, promise);
        if (lastAnswerDone) {
            context.read();
        }
    }
}
