/**
 * The FinOps loop after the merge: a watch run judges the manifests against live spend, turns
 * findings and orphaned spend into alerts, routes them by the policy set's {@code alerts:}, sends
 * what is new, escalated, due again or resolved, and remembers what was sent.
 */
package dev.spendgate.watch;
