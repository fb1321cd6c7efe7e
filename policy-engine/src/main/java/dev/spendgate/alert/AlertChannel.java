package dev.spendgate.alert;

import dev.spendgate.policy.ChannelConfig;
import java.util.List;

/**
 * A place alerts go: a Slack or Teams webhook, PagerDuty, a CloudEvents webhook, GitHub issues,
 * e-mail. Made by {@code Channels.open} from a {@link dev.spendgate.policy.ChannelConfig}; used by one watch run on
 * one thread.
 */
public interface AlertChannel {

    /** The channel's name in the policy set's {@code alerts.channels}. */
    String name();

    /** The channel's type, as written in the policy set ({@code slack}, {@code pagerduty}, ...). */
    String type();

    /**
     * Sends the batch's changes, retrying 5xx answers and 429 (honouring Retry-After) with backoff.
     * Never throws for a failed delivery: every change comes back with its outcome, in order.
     */
    List<Delivery> deliver(Batch batch);

    /**
     * What {@link #deliver} would send, without sending: one entry per request, as
     * {@code POST https://hooks.slack.com/***} followed by the body; secrets masked.
     */
    List<String> preview(Batch batch);
}
