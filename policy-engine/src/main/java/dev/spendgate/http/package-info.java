/** What the REST clients of code hosts share: the client, ids, causes, waits. */
package dev.spendgate.http;
