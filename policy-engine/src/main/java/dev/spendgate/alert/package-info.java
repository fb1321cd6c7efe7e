/**
 * Alerts of a watch run and the channels that carry them (Slack, Microsoft Teams, PagerDuty,
 * CloudEvents webhooks, GitHub issues, e-mail), each speaking its real protocol.
 */
package dev.spendgate.alert;
