package org.cosell.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.CheckedRunnable;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.cosell.notification.mail.MailAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Sends one recorded mail over SMTP as multipart/alternative (plain text, then HTML), through the
 * resilience4j retry and circuit breaker named {@value #SMTP}: the retry rides out a blip, the
 * breaker stops knocking on a server that is down. Headers are built with JavaMail's APIs only:
 * the recipient must parse strictly as one bare address and the subject is one line.
 */
@Component
public class SmtpMailer {

    static final String SMTP = "smtp";
    private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final JavaMailSender sender;
    private final InternetAddress from;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Clock clock;

    public SmtpMailer(JavaMailSender sender, NotificationMailProperties properties,
                      CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, Clock clock) {
        this.sender = sender;
        this.from = parseFrom(properties.from());
        this.circuitBreaker = circuitBreakers.circuitBreaker(SMTP);
        this.retry = retries.retry(SMTP);
        this.clock = clock;
        circuitBreaker.getEventPublisher().onStateTransition(event ->
                log.warn("SMTP circuit breaker: {}", event.getStateTransition()));
    }

    /**
     * @throws SmtpUnavailableException the server could not be reached, even after the retries
     * @throws MailRefusedException     the server answered and refused the mail
     * @throws CallNotPermittedException the circuit breaker is open: nothing was tried
     */
    public void send(Notification notification) {
        MimeMessage message = build(notification);
        CheckedRunnable attempt = Retry.decorateCheckedRunnable(retry,
                circuitBreaker.decorateCheckedRunnable(() -> transmit(message)));
        try {
            attempt.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new SmtpUnavailableException("Sending failed: " + e, e);
        }
    }

    private void transmit(MimeMessage message) {
        try {
            sender.send(message);
        } catch (MailException e) {
            throw SmtpFailures.classify(e);
        }
    }

    private MimeMessage build(Notification notification) {
        InternetAddress recipient = MailAddresses.parse(notification.recipient())
                .orElseThrow(() -> new MailRefusedException(true, "Not a valid e-mail address", null));
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, recipient);
            message.setSubject(MailAddresses.singleLine(notification.subject()), UTF_8);
            message.setSentDate(Date.from(clock.instant()));
            MimeBodyPart text = new MimeBodyPart();
            text.setText(notification.text(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(notification.html(), UTF_8, "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            return message;
        } catch (MessagingException e) {
            throw new MailRefusedException(true, "The message could not be built: " + e.getMessage(), e);
        }
    }

    private static InternetAddress parseFrom(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalStateException("cosell.mail.from is not a valid address: " + from, e);
        }
    }
}
