package dev.spendgate.alert;

import dev.spendgate.http.Rest;
import dev.spendgate.input.Redactor;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail): one plain-text message per alert to the manifest's owner, when
 * the owner is an e-mail address; otherwise the alert does not apply to this channel, with the
 * reason. An SMTP 4xx answer or a broken connection is retried with backoff.
 */
final class EmailChannel implements AlertChannel {

    /** How the connection is secured. */
    enum Tls {
        /** Plain connect, then STARTTLS, required (port 587). */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465). */
        SSL,
        /** No TLS: only for a relay on a trusted network. */
        NONE
    }

    private final String name;
    private final String host;
    private final int port;
    private final Tls tls;
    private final InternetAddress from;
    private final String username;
    private final String password;
    private final ChannelOptions options;
    private final Redactor redactor;

    /** @param username null for no authentication */
    EmailChannel(String name, String host, int port, Tls tls, InternetAddress from, String username, String password,
                 ChannelOptions options, Redactor redactor) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.from = from;
        this.username = username;
        this.password = password;
        this.options = options;
        this.redactor = redactor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "email";
    }

    /**
     * The owner as one address (RFC 822, strict: a domain is required), or null when the owner is
     * missing or is a handle rather than an address.
     */
    static InternetAddress address(String owner) {
        if (owner == null || owner.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(owner.strip(), true);
            if (parsed.length != 1 || parsed[0].isGroup()) {
                return null;
            }
            parsed[0].validate();
            return parsed[0].getAddress().indexOf('@') > 0 ? parsed[0] : null;
        } catch (AddressException notAnAddress) {
            return null;
        }
    }

    private static String notApplicable(Alert a) {
        return a.owner() == null || a.owner().isBlank() ? "the manifest names no owner to e-mail"
                : "owner \"" + a.owner() + "\" is not an e-mail address";
    }

    static String subject(Alert a) {
        return ("[spendgate] " + AlertText.headline(a)).replaceAll("[\\r\\n]+", " ");
    }

    @Override
    public List<Delivery> deliver(Batch batch) {
        List<Delivery> out = new ArrayList<>();
        Session session = null;
        for (Alert a : batch.changes()) {
            InternetAddress to = address(a.owner());
            if (to == null) {
                out.add(new Delivery(a, Delivery.Outcome.NOT_APPLICABLE, redactor.redact(notApplicable(a))));
                continue;
            }
            if (session == null) {
                session = Session.getInstance(properties());
            }
            out.add(send(session, a, to));
        }
        return out;
    }

    private Delivery send(Session session, Alert a, InternetAddress to) {
        Duration wait = options.backoff();
        String last = "";
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            try {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(from);
                m.setRecipient(Message.RecipientType.TO, to);
                m.setSubject(subject(a), "UTF-8");
                m.setSentDate(Date.from(a.at()));
                m.setText(AlertText.plain(a), "UTF-8");
                m.setHeader("X-Spendgate-Fingerprint", a.fingerprint().replaceAll("[\\r\\n]+", " "));
                if (username == null) {
                    Transport.send(m);
                } else {
                    Transport.send(m, username, password);
                }
                return new Delivery(a, Delivery.Outcome.DELIVERED, "sent to " + to.getAddress());
            } catch (SMTPSendFailedException e) {
                last = "SMTP " + e.getReturnCode() + " " + oneLine(e.getMessage());
                if (e.getReturnCode() < 400 || e.getReturnCode() >= 500) {
                    return failed(a, last, attempt);
                }
            } catch (jakarta.mail.AuthenticationFailedException e) {
                return failed(a, "the SMTP server refused the login: " + oneLine(e.getMessage()), attempt);
            } catch (MessagingException e) {
                if (!(cause(e) instanceof IOException)) {
                    return failed(a, oneLine(e.getMessage()), attempt);
                }
                last = "cannot reach " + host + ":" + port + ": " + Rest.rootCause(e);
            }
            if (attempt < options.attempts()) {
                options.sleeper().sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
        return failed(a, last, options.attempts());
    }

    private Delivery failed(Alert a, String why, int attempts) {
        return new Delivery(a, Delivery.Outcome.FAILED,
                redactor.redact(why + (attempts > 1 ? " after " + attempts + " attempts" : "")));
    }

    private static Throwable cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    Properties properties() {
        Properties p = new Properties();
        String millis = Long.toString(options.timeout().toMillis());
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(username != null));
        switch (tls) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // a relay on a trusted network
            }
        }
        return p;
    }

    @Override
    public List<String> preview(Batch batch) {
        List<String> out = new ArrayList<>();
        for (Alert a : batch.changes()) {
            InternetAddress to = address(a.owner());
            if (to == null) {
                out.add(redactor.redact("(not sent: " + notApplicable(a) + ")"));
                continue;
            }
            out.add(redactor.redact("SMTP " + host + ":" + port + " (" + tls.name().toLowerCase(Locale.ROOT) + ") to "
                    + to.getAddress() + "\nFrom: " + from.toString() + "\nSubject: " + subject(a) + "\n\n" + AlertText.plain(a)));
        }
        return out;
    }
}
