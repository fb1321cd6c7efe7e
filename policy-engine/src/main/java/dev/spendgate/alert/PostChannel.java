package dev.spendgate.alert;

import dev.spendgate.input.Redactor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A channel that posts one request per alert (Slack, Teams, PagerDuty, CloudEvents). */
abstract class PostChannel implements AlertChannel {

    private final String name;
    private final String type;
    final URI uri;
    private final boolean secretUri;
    final HttpSender sender;
    final Redactor redactor;

    /** @param secretUri true when the address itself is the secret (a webhook URL): previews show only its host */
    PostChannel(String name, String type, URI uri, boolean secretUri, HttpSender sender, Redactor redactor) {
        this.name = name;
        this.type = type;
        this.uri = uri;
        this.secretUri = secretUri;
        this.sender = sender;
        this.redactor = redactor;
    }

    /** The request that says {@code alert}. */
    abstract HttpSender.Request request(Alert alert);

    /** What the service's last answer means for {@code alert}. */
    abstract Delivery answer(Alert alert, HttpSender.Reply reply);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final List<Delivery> deliver(Batch batch) {
        List<Delivery> out = new ArrayList<>();
        for (Alert a : batch.changes()) {
            Delivery d = answer(a, sender.send(request(a)));
            out.add(new Delivery(a, d.outcome(), redactor.redact(d.detail())));
        }
        return out;
    }

    @Override
    public final List<String> preview(Batch batch) {
        List<String> out = new ArrayList<>();
        for (Alert a : batch.changes()) {
            HttpSender.Request r = request(a);
            out.add(r.method() + " " + shown(r.uri()) + "\n" + redactor.redact(r.body()));
        }
        return out;
    }

    /** The address as a preview shows it: {@code https://hooks.slack.com/***} when it is a secret. */
    final String shown(URI u) {
        if (!secretUri) {
            return redactor.redact(u.toString());
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/" + Redactor.MASK;
    }

    /** The first line of an answer's body, at most 200 characters. */
    static String firstLine(String body) {
        if (body == null) {
            return "";
        }
        String s = body.strip();
        int nl = s.indexOf('\n');
        return AlertText.cut(nl < 0 ? s : s.substring(0, nl).strip(), 200);
    }
}
