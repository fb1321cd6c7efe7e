/** GitLab: the merge request a CI job runs for, and the sticky merge-request note (REST API v4). */
package dev.spendgate.gitlab;
