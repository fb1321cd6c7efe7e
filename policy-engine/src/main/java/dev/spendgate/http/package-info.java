/** What the REST clients of code hosts and the alert channels share: the client, ids, paging, causes, waits. */
package dev.spendgate.http;
